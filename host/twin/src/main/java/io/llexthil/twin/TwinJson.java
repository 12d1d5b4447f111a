package io.llexthil.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON for scenarios, outcomes, board states and findings (the formats of docs/twin.md). */
public final class TwinJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private TwinJson() {
    }

    public static Scenario readScenario(String json) {
        try {
            return MAPPER.readValue(json, Scenario.class);
        } catch (JsonProcessingException e) {
            Throwable root = e.getCause() instanceof ScenarioException se ? se : e;
            throw new ScenarioException("bad scenario JSON: " + root.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static Scenario readScenario(Path file) {
        try {
            return readScenario(Files.readString(file));
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    public static Outcome readOutcome(String json) {
        try {
            return MAPPER.readValue(json, Outcome.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("bad outcome JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Pretty-printed JSON of any twin value (Scenario, Outcome, BoardState, StepResult, findings). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** One-line JSON. */
    public static String writeCompact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
