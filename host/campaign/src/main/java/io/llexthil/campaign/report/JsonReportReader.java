package io.llexthil.campaign.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a run back from its {@code report.json} (what {@link JsonReportWriter} wrote), so runs made
 * elsewhere (CI shards) can be merged and reported again.
 */
public final class JsonReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReportReader() { }

    /** A report that is missing or not an llext-hil report. */
    public static final class UnreadableReportException extends RuntimeException {
        UnreadableReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads {@code runDir/report.json}; the result's run directory is {@code runDir}. */
    public static RunResult read(Path runDir) {
        Path file = runDir.resolve(RunDirectory.JSON);
        if (!Files.isRegularFile(file)) {
            throw new UnreadableReportException(runDir + ": no " + RunDirectory.JSON
                    + " (is it a run directory? each run writes one)", null);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!"llext-hil".equals(root.path("tool").asText())) {
                throw new UnreadableReportException(file + ": not an llext-hil report (no \"tool\": \"llext-hil\")", null);
            }
            List<CaseResult> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(caseOf(c));
            }
            JsonNode link = root.path("board_link");
            RunResult.BoardLink boardLink = link.isObject() ? new RunResult.BoardLink(link.path("scheme").asText(),
                    link.path("url").asText(), link.path("description").asText()) : null;
            JsonNode info = root.path("board_info");
            return new RunResult(root.path("command").asText(), root.path("board").asText(),
                    info.isMissingNode() || info.isNull() ? "" : info.isTextual() ? info.asText() : info.toString(),
                    root.path("profile").asText(), cases, map(root.path("measurements")), runDir,
                    Instant.parse(root.path("started").asText()), root.path("millis").asLong(), boardLink);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableReportException u) {
                throw u;
            }
            throw new UnreadableReportException(file + ": cannot read the report: " + e.getMessage(), e);
        }
    }

    private static CaseResult caseOf(JsonNode c) {
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode s : c.path("steps")) {
            List<Difference> diffs = new ArrayList<>();
            int index = s.path("index").asInt();
            String label = s.path("label").asText();
            List<String> excerpt = texts(s.path("transcript"));
            for (JsonNode d : s.path("differences")) {
                diffs.add(new Difference(index, label, d.path("field").asText(), d.path("source").asText(),
                        d.path("expected").asText(), d.path("observed").asText(), excerpt));
            }
            steps.add(new StepRecord(index, label, s.path("kind").asText(), enumOf(StepOutcome.class, s.path("outcome")),
                    facts(s.path("predicted")), facts(s.path("observed")), diffs,
                    s.hasNonNull("error") ? s.path("error").asText() : null, s.path("epoch").asInt(),
                    s.path("reset").asBoolean(), Instant.parse(s.path("started").asText()), s.path("millis").asLong(), excerpt));
        }
        return new CaseResult(c.path("name").asText(), c.path("group").asText(), c.path("description").asText(),
                c.path("source").asText(), enumOf(CaseStatus.class, c.path("status")), steps, map(c.path("measurements")),
                c.path("message").asText(), Instant.parse(c.path("started").asText()), c.path("millis").asLong());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n) {
        return Enum.valueOf(type, n.asText().toUpperCase(Locale.ROOT));
    }

    private static Facts facts(JsonNode n) {
        Facts f = new Facts();
        n.fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().asText()));
        return f;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        return n.isObject() ? JSON.convertValue(n, LinkedHashMap.class) : new LinkedHashMap<>();
    }
}
