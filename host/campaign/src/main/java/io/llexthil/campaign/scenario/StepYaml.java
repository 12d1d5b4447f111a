package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One step's YAML as a step kind's parser sees it: the value of its action key, the step's other
 * options, and the checks every kind shares. Each failure is a {@link ScenarioFileException} naming
 * the file, the step index and the field.
 */
public final class StepYaml {
    private final JsonNode step;
    private final String key;
    private final String source;
    private final int index;

    StepYaml(JsonNode step, String key, String source, int index) {
        this.step = step;
        this.key = key;
        this.source = source;
        this.index = index;
    }

    /** The value of the action key (null when the key has no value). */
    public JsonNode value() { return step.get(key); }

    /** The action key, the field name of {@link #value()}. */
    public String key() { return key; }

    /** A step option next to the action key (null when absent). */
    public JsonNode option(String name) { return step.get(name); }

    public ScenarioFileException fail(String field, String problem) {
        return new ScenarioFileException(source, index, field, problem);
    }

    /** No value, {@code null} or {@code {}}. */
    public static boolean isEmpty(JsonNode v) {
        return v == null || v.isNull() || (v.isObject() && v.isEmpty());
    }

    /** One name or a list of names. */
    public List<String> names(JsonNode v, String field, boolean emptyOk) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isTextual()) {
            out.add(checkName(v.asText(), field));
        } else if (v != null && v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isTextual()) {
                    throw fail(field, "expected extension names, got '" + n + "'");
                }
                out.add(checkName(n.asText(), field));
            }
        } else if (v != null && !v.isNull()) {
            throw fail(field, "expected a name or a list of names");
        }
        if (out.isEmpty() && !emptyOk) {
            throw fail(field, "expected at least one name");
        }
        return out;
    }

    /** Exactly one extension name. */
    public String name(JsonNode v, String field) {
        if (v == null || v.getNodeType() != JsonNodeType.STRING) {
            throw fail(field, "expected one extension name");
        }
        return checkName(v.asText(), field);
    }

    /** Names go on a shell command line: no spaces; the firmware enforces the length itself. */
    public String checkName(String name, String field) {
        return ScenarioLoader.checkName(name, source, index, field);
    }

    public void onlyKeys(JsonNode v, Set<String> allowed, String field) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(field + "." + k, "unknown key; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** {@code v.name} as non-blank text; the field is {@code parent.name}. */
    public String requiredText(JsonNode v, String name, String parent) {
        return ScenarioLoader.requiredText(v, name, source, index, parent);
    }

    /** A list of saved-copy indices, e.g. {@code [1, 0]}. */
    public List<Integer> indices(JsonNode v, String field) {
        if (!v.isArray()) {
            throw fail(field, "expected a list of saved-copy indices, e.g. [1, 0]");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isInt() || n.asInt() < 0) {
                throw fail(field, "expected non-negative integers, got '" + n.asText() + "'");
            }
            out.add(n.asInt());
        }
        return out;
    }
}
