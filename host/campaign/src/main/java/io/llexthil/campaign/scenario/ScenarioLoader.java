package io.llexthil.campaign.scenario;

import io.llexthil.board.ReturnCodes;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.shell.input.YamlInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads scenario YAML (docs/scenarios.md). Every problem is a {@link ScenarioException} naming the
 * file, the step index and the field. Unknown keys are errors too: a typo must not silently turn a
 * check off.
 */
public final class ScenarioLoader {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "board", "images", "fresh", "steps");
    private static final Set<String> COMMON_STEP_KEYS = Set.of("name", "expect_rc", "fault");

    private ScenarioLoader() { }

    public static HilScenario load(Path file) {
        String text;
        try {
            text = YamlInput.read(file, "scenario");
        } catch (InputFileException e) {
            throw new ScenarioFileException(e.place(), null, null, e.problem());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /** Reads a scenario from the class path (the built-in suite). */
    public static HilScenario loadResource(String resource) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioFileException(resource, null, null, "no such built-in scenario");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HilScenario parse(String yaml, String source, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // the same form as board files and hardware maps
            throw new ScenarioFileException(YamlInput.syntaxErrorPlace(source, e), null, null,
                    YamlInput.syntaxErrorProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioFileException(source, null, null,
                    "expected a mapping with 'name' and 'steps' at the top level");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new ScenarioFileException(source, null, key, "unknown key; allowed: " + String.join(", ", sorted(TOP_KEYS)));
            }
        }
        String name = requiredText(root, "name", source, null);
        String description = root.path("description").asText("");
        String board = root.hasNonNull("board") ? root.get("board").asText() : null;
        boolean fresh = true;
        if (root.has("fresh")) {
            if (!root.get("fresh").isBoolean()) {
                throw new ScenarioFileException(source, null, "fresh", "expected true or false");
            }
            fresh = root.get("fresh").asBoolean();
        }
        Map<String, String> images = new LinkedHashMap<>();
        if (root.has("images")) {
            JsonNode im = root.get("images");
            if (!im.isObject()) {
                throw new ScenarioFileException(source, null, "images",
                        "expected a mapping of image name to 'builtin:<name>' or a file path");
            }
            im.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new ScenarioFileException(source, null, "images." + e.getKey(),
                            "expected 'builtin:<name>' or a file path");
                }
                checkName(e.getKey(), source, null, "images");
                images.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new ScenarioFileException(source, null, "steps", "expected a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(parseStep(stepsNode.get(i), i, source));
        }
        return new HilScenario(name, description, source, board, images, fresh, steps, baseDir);
    }

    private static Step parseStep(JsonNode node, int i, String src) {
        List<StepSyntax> kinds = StepAction.syntaxes();
        String actions = kinds.stream().map(StepSyntax::key).collect(Collectors.joining(", "));
        if (!node.isObject()) {
            throw new ScenarioFileException(src, i, null, "expected a mapping with one action key (" + actions + ")");
        }
        StepSyntax kind = actionKind(node, kinds, actions, i, src);
        String label = node.hasNonNull("name") ? node.get("name").asText() : null;
        Integer expectRc = null;
        if (node.hasNonNull("expect_rc")) {
            expectRc = ReturnCodes.parse(node.get("expect_rc").asText());
            if (expectRc == null) {
                throw new ScenarioFileException(src, i, "expect_rc", "expected an integer or an errno name such as -ENOENT, got '"
                        + node.get("expect_rc").asText() + "'");
            }
        }
        StepYaml yaml = new StepYaml(node, kind.key(), src, i);
        StepFaults fault = node.has("fault") ? parseFault(yaml, node.get("fault")) : StepFaults.NONE;
        StepAction action = kind.parser().parse(yaml);
        if (fault.flash() > 0 && !action.takesFlashFault()) {
            throw new ScenarioFileException(src, i, "fault.flash", "a flash fault cuts power during a save: put it on a save step");
        }
        return new Step(i, action, expectRc, fault, label);
    }

    /** The one action key of a step; every other key must be a step option this kind takes. */
    private static StepSyntax actionKind(JsonNode node, List<StepSyntax> kinds, String actions, int i, String src) {
        StepSyntax kind = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            StepSyntax k = kinds.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
            if (k != null) {
                if (kind != null) {
                    throw new ScenarioFileException(src, i, key, "a step has exactly one action, found '"
                            + kind.key() + "' and '" + key + "'; split it into two steps");
                }
                kind = k;
            } else if (!COMMON_STEP_KEYS.contains(key) && kinds.stream().noneMatch(s -> s.options().contains(key))) {
                throw new ScenarioFileException(src, i, key, "unknown key; actions: " + actions
                        + "; step options: " + String.join(", ", stepOptions(kinds)));
            }
        }
        if (kind == null) {
            throw new ScenarioFileException(src, i, null, "no action; add one of: " + actions);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(kind.key()) && !COMMON_STEP_KEYS.contains(key) && !kind.options().contains(key)) {
                List<String> owners = kinds.stream().filter(s -> s.options().contains(key)).map(StepSyntax::key).toList();
                throw new ScenarioFileException(src, i, key, "only a " + String.join(" or ", owners) + " step has '" + key
                        + "'; every step has: " + String.join(", ", sorted(COMMON_STEP_KEYS)));
            }
        }
        return kind;
    }

    private static List<String> stepOptions(List<StepSyntax> kinds) {
        Set<String> all = new TreeSet<>(COMMON_STEP_KEYS);
        kinds.forEach(k -> all.addAll(k.options()));
        return List.copyOf(all);
    }

    private static StepFaults parseFault(StepYaml y, JsonNode v) {
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw y.fail("fault", "expected {alloc: k} and/or {flash: n}");
        }
        y.onlyKeys(v, Set.of("alloc", "flash"), "fault");
        return new StepFaults(positive(y, v, "alloc"), positive(y, v, "flash"));
    }

    private static int positive(StepYaml y, JsonNode v, String key) {
        if (!v.has(key)) {
            return 0;
        }
        JsonNode n = v.get(key);
        if (!n.isInt() || n.asInt() < 1) {
            throw y.fail("fault." + key, "expected an integer >= 1, got '" + n.asText() + "'");
        }
        return n.asInt();
    }

    /** Names go on a shell command line: no spaces; the firmware enforces the length itself. */
    static String checkName(String name, String src, Integer i, String field) {
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new ScenarioFileException(src, i, field, "'" + name + "' is not a valid extension name (letters, digits, _ . -)");
        }
        return name;
    }

    private static String requiredText(JsonNode v, String key, String src, Integer i) {
        return requiredText(v, key, src, i, null);
    }

    static String requiredText(JsonNode v, String key, String src, Integer i, String parent) {
        JsonNode n = v.get(key);
        String field = parent == null ? key : parent + "." + key;
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            throw new ScenarioFileException(src, i, field, "required, expected text");
        }
        return n.asText();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
