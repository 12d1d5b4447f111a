package io.llexthil.campaign.scenario;

import io.llexthil.board.Errno;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.shell.input.YamlInput;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario YAML (docs/scenarios.md). Every problem is a {@link ScenarioException} naming the
 * file, the step index and the field. Unknown keys are errors too: a typo must not silently turn a
 * check off.
 */
public final class ScenarioLoader {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "board", "images", "fresh", "steps");
    private static final Set<String> COMMON_STEP_KEYS = Set.of("name", "expect_rc", "fault", "expect");

    private ScenarioLoader() { }

    public static Scenario load(Path file) {
        String text;
        try {
            text = YamlInput.read(file, "scenario");
        } catch (InputFileException e) {
            throw new ScenarioException(file.toString(), null, null, e.problem());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /** Reads a scenario from the class path (the built-in suite). */
    public static Scenario loadResource(String resource) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(resource, null, null, "no such built-in scenario");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario parse(String yaml, String source, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ScenarioException(source, null, null, "not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").trim());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source, null, null,
                    "expected a mapping with 'name' and 'steps' at the top level");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new ScenarioException(source, null, key, "unknown key; allowed: " + String.join(", ", sorted(TOP_KEYS)));
            }
        }
        String name = requiredText(root, "name", source, null);
        String description = root.path("description").asText("");
        String board = root.hasNonNull("board") ? root.get("board").asText() : null;
        boolean fresh = true;
        if (root.has("fresh")) {
            if (!root.get("fresh").isBoolean()) {
                throw new ScenarioException(source, null, "fresh", "expected true or false");
            }
            fresh = root.get("fresh").asBoolean();
        }
        Map<String, String> images = new LinkedHashMap<>();
        if (root.has("images")) {
            JsonNode im = root.get("images");
            if (!im.isObject()) {
                throw new ScenarioException(source, null, "images",
                        "expected a mapping of image name to 'builtin:<name>' or a file path");
            }
            im.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new ScenarioException(source, null, "images." + e.getKey(),
                            "expected 'builtin:<name>' or a file path");
                }
                checkName(e.getKey(), source, null, "images");
                images.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new ScenarioException(source, null, "steps", "expected a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(parseStep(stepsNode.get(i), i, source));
        }
        return new Scenario(name, description, source, board, images, fresh, steps, baseDir);
    }

    private static Step parseStep(JsonNode node, int i, String src) {
        if (!node.isObject()) {
            throw new ScenarioException(src, i, null, "expected a mapping with one action key ("
                    + StepKind.keys() + ")");
        }
        StepKind kind = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            StepKind k = StepKind.byKey(key);
            if (k != null) {
                if (kind != null) {
                    throw new ScenarioException(src, i, key, "a step has exactly one action, found '"
                            + kind.key() + "' and '" + key + "'; split it into two steps");
                }
                kind = k;
            } else if (!COMMON_STEP_KEYS.contains(key)) {
                throw new ScenarioException(src, i, key, "unknown key; actions: " + StepKind.keys()
                        + "; step options: " + String.join(", ", sorted(COMMON_STEP_KEYS)));
            }
        }
        if (kind == null) {
            throw new ScenarioException(src, i, null, "no action; add one of: " + StepKind.keys());
        }
        JsonNode v = node.get(kind.key());
        String label = node.hasNonNull("name") ? node.get("name").asText() : null;
        Integer expectRc = null;
        if (node.hasNonNull("expect_rc")) {
            expectRc = Errno.parse(node.get("expect_rc").asText());
            if (expectRc == null) {
                throw new ScenarioException(src, i, "expect_rc", "expected an integer or an errno name such as -ENOENT, got '"
                        + node.get("expect_rc").asText() + "'");
            }
        }
        FaultSpec fault = node.has("fault") ? parseFault(node.get("fault"), i, src) : FaultSpec.NONE;
        ExpectValue expect = null;
        if (node.has("expect")) {
            if (kind != StepKind.CALL) {
                throw new ScenarioException(src, i, "expect", "only a call step has 'expect' (use expect_rc for return codes)");
            }
            expect = parseExpect(node.get("expect"), i, src, "expect");
        }
        List<String> exts = List.of();
        String symbol = null;
        List<Integer> order = List.of();
        ResetSpec reset = null;
        long sleepMs = 0;
        List<String> expectExts = null;
        String f = kind.key();
        switch (kind) {
            case UPLOAD -> exts = nameList(v, i, src, f, false);
            case LOAD, UNLOAD -> exts = List.of(nameScalar(v, i, src, f));
            case CALL -> {
                if (v != null && v.isTextual()) {
                    String[] parts = v.asText().trim().split("\\s+");
                    if (parts.length != 2) {
                        throw new ScenarioException(src, i, f, "expected '<extension> <symbol>' or {ext: ..., symbol: ...}");
                    }
                    exts = List.of(checkName(parts[0], src, i, f));
                    symbol = parts[1];
                } else if (v != null && v.isObject()) {
                    onlyKeys(v, Set.of("ext", "symbol", "expect"), i, src, f);
                    exts = List.of(checkName(requiredText(v, "ext", src, i, f), src, i, f + ".ext"));
                    symbol = requiredText(v, "symbol", src, i, f);
                    if (v.has("expect")) {
                        if (expect != null) {
                            throw new ScenarioException(src, i, "expect", "given twice (in the step and in 'call')");
                        }
                        expect = parseExpect(v.get("expect"), i, src, f + ".expect");
                    }
                } else {
                    throw new ScenarioException(src, i, f, "expected '<extension> <symbol>' or {ext: ..., symbol: ...}");
                }
                if (!symbol.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ScenarioException(src, i, f, "'" + symbol + "' is not a C identifier");
                }
            }
            case STATE -> {
                if (v != null && !v.isNull() && !(v.isObject() && v.isEmpty())) {
                    JsonNode list = v.isObject() ? v.get("exts") : v;
                    if (v.isObject()) {
                        onlyKeys(v, Set.of("exts"), i, src, f);
                    }
                    expectExts = nameList(list, i, src, f + (v.isObject() ? ".exts" : ""), true);
                }
            }
            case SAVE -> {
                if (v != null && v.isTextual() && v.asText().equals("all")) {
                    exts = List.of();
                } else if (v != null && v.isObject()) {
                    onlyKeys(v, Set.of("exts"), i, src, f);
                    exts = v.has("exts") ? nameList(v.get("exts"), i, src, f + ".exts", true) : List.of();
                } else if (v != null && !v.isNull()) {
                    exts = nameList(v, i, src, f, true);
                }
            }
            case RESTORE -> {
                if (v != null && v.isObject()) {
                    onlyKeys(v, Set.of("order"), i, src, f);
                    if (v.has("order")) {
                        order = parseOrder(v.get("order"), i, src, f + ".order");
                    }
                } else if (v != null && !v.isNull()) {
                    throw new ScenarioException(src, i, f, "expected {} or {order: [i, j, ...]}");
                }
            }
            case RESET -> reset = parseReset(v, i, src);
            case ERASE -> {
                if (v != null && !v.isNull() && !(v.isObject() && v.isEmpty())) {
                    throw new ScenarioException(src, i, f, "takes no arguments; write 'erase: {}'");
                }
            }
            case SLEEP -> {
                if (v == null || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > 600_000) {
                    throw new ScenarioException(src, i, f, "expected milliseconds, 0..600000");
                }
                sleepMs = v.asLong();
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        if (fault.flash() > 0 && kind != StepKind.SAVE) {
            throw new ScenarioException(src, i, "fault.flash", "a flash fault cuts power during a save: put it on a save step");
        }
        return new Step(i, kind, exts, symbol, expect, expectRc, order, reset, fault, sleepMs, expectExts, label);
    }

    private static ResetSpec parseReset(JsonNode v, int i, String src) {
        if (v == null || v.isNull() || (v.isObject() && v.isEmpty())) {
            return ResetSpec.shell();
        }
        if (v.isTextual()) {
            ResetKind k = resetKind(v.asText(), i, src, "reset");
            if (k == ResetKind.EXTERNAL || k == ResetKind.POWERCUT || k == ResetKind.FIRMWARE) {
                throw new ScenarioException(src, i, "reset", "'" + k.key() + "' needs parameters: " + switch (k) {
                    case EXTERNAL -> "{kind: external, command: '...'}";
                    case POWERCUT -> "{kind: powercut, flash_op: N}";
                    default -> "{kind: firmware, build_id: HEX16 | default}";
                });
            }
            return ResetSpec.of(k);
        }
        if (!v.isObject()) {
            throw new ScenarioException(src, i, "reset", "expected a kind (shell, dtr, rts, qmp) or {kind: ..., ...}");
        }
        onlyKeys(v, Set.of("kind", "command", "flash_op", "pulse_ms", "build_id"), i, src, "reset");
        ResetKind k = resetKind(requiredText(v, "kind", src, i, "reset"), i, src, "reset.kind");
        String command = null;
        int flashOp = 0;
        int pulse = pulseMs(v, k, i, src);
        if (v.has("command") && k != ResetKind.EXTERNAL && k != ResetKind.FIRMWARE) {
            throw new ScenarioException(src, i, "reset.command", "only kinds external and firmware take a command;"
                    + " a board's own reset command belongs in its profile (docs/boards.md)");
        }
        if (k == ResetKind.EXTERNAL) {
            command = requiredText(v, "command", src, i, "reset");
        }
        if (k == ResetKind.POWERCUT) {
            JsonNode n = v.get("flash_op");
            if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
                throw new ScenarioException(src, i, "reset.flash_op", "expected the flash operation index (>= 1) to cut power at");
            }
            flashOp = n.asInt();
        }
        String buildId = null;
        if (k == ResetKind.FIRMWARE) {
            buildId = requiredText(v, "build_id", src, i, "reset");
            if (!buildId.equals("default") && !buildId.matches("[0-9a-f]{16}")) {
                throw new ScenarioException(src, i, "reset.build_id", "expected 16 lower-case hex digits or 'default', got '" + buildId + "'");
            }
            if (v.has("command")) {
                command = v.get("command").asText();
            }
        }
        return new ResetSpec(k, command, flashOp, pulse, buildId);
    }

    /** pulse_ms belongs to a control-line pulse only: anywhere else it would be silently ignored. */
    private static int pulseMs(JsonNode v, ResetKind k, int i, String src) {
        JsonNode n = v.get("pulse_ms");
        if (n == null) {
            return 100;
        }
        if (k != ResetKind.DTR && k != ResetKind.RTS) {
            throw new ScenarioException(src, i, "reset.pulse_ms", "only kinds dtr and rts take pulse_ms, not " + k.key());
        }
        if (!n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 60_000) {
            throw new ScenarioException(src, i, "reset.pulse_ms", "expected milliseconds 1..60000, got " + n.asText());
        }
        return n.asInt();
    }

    private static ResetKind resetKind(String text, int i, String src, String field) {
        ResetKind k = ResetKind.byKey(text);
        if (k == null) {
            throw new ScenarioException(src, i, field, "unknown reset kind '" + text
                    + "'; use shell, dtr, rts, qmp, external, powercut or firmware");
        }
        return k;
    }

    private static FaultSpec parseFault(JsonNode v, int i, String src) {
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw new ScenarioException(src, i, "fault", "expected {alloc: k} and/or {flash: n}");
        }
        onlyKeys(v, Set.of("alloc", "flash"), i, src, "fault");
        int alloc = positive(v, "alloc", i, src);
        int flash = positive(v, "flash", i, src);
        return new FaultSpec(alloc, flash);
    }

    private static int positive(JsonNode v, String key, int i, String src) {
        if (!v.has(key)) {
            return 0;
        }
        JsonNode n = v.get(key);
        if (!n.isInt() || n.asInt() < 1) {
            throw new ScenarioException(src, i, "fault." + key, "expected an integer >= 1, got '" + n.asText() + "'");
        }
        return n.asInt();
    }

    private static ExpectValue parseExpect(JsonNode v, int i, String src, String field) {
        ExpectValue e = v == null || v.isNull() ? null : ExpectValue.parse(v.asText());
        if (e == null) {
            throw new ScenarioException(src, i, field, "expected a number, 'any', 'previous' or 'previous+N'/'previous-N', got '"
                    + (v == null ? "" : v.asText()) + "'");
        }
        return e;
    }

    private static List<Integer> parseOrder(JsonNode v, int i, String src, String field) {
        if (!v.isArray()) {
            throw new ScenarioException(src, i, field, "expected a list of saved-copy indices, e.g. [1, 0]");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isInt() || n.asInt() < 0) {
                throw new ScenarioException(src, i, field, "expected non-negative integers, got '" + n.asText() + "'");
            }
            out.add(n.asInt());
        }
        return out;
    }

    private static List<String> nameList(JsonNode v, int i, String src, String field, boolean emptyOk) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isTextual()) {
            out.add(checkName(v.asText(), src, i, field));
        } else if (v != null && v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isTextual()) {
                    throw new ScenarioException(src, i, field, "expected extension names, got '" + n + "'");
                }
                out.add(checkName(n.asText(), src, i, field));
            }
        } else if (v != null && !v.isNull()) {
            throw new ScenarioException(src, i, field, "expected a name or a list of names");
        }
        if (out.isEmpty() && !emptyOk) {
            throw new ScenarioException(src, i, field, "expected at least one name");
        }
        return out;
    }

    private static String nameScalar(JsonNode v, int i, String src, String field) {
        if (v == null || v.getNodeType() != JsonNodeType.STRING) {
            throw new ScenarioException(src, i, field, "expected one extension name");
        }
        return checkName(v.asText(), src, i, field);
    }

    /** Names go on a shell command line: no spaces; the firmware enforces the length itself. */
    private static String checkName(String name, String src, Integer i, String field) {
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new ScenarioException(src, i, field, "'" + name + "' is not a valid extension name (letters, digits, _ . -)");
        }
        return name;
    }

    private static void onlyKeys(JsonNode v, Set<String> allowed, int i, String src, String field) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ScenarioException(src, i, field + "." + key, "unknown key; allowed: " + String.join(", ", sorted(allowed)));
            }
        }
    }

    private static String requiredText(JsonNode v, String key, String src, Integer i) {
        return requiredText(v, key, src, i, null);
    }

    private static String requiredText(JsonNode v, String key, String src, Integer i, String parent) {
        JsonNode n = v.get(key);
        String field = parent == null ? key : parent + "." + key;
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            throw new ScenarioException(src, i, field, "required, expected text");
        }
        return n.asText();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
