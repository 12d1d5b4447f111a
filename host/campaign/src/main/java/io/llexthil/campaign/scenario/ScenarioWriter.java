package io.llexthil.campaign.scenario;

import java.util.List;

/** Writes a scenario back as YAML that {@link ScenarioLoader} reads (the fuzzer's replay files). */
public final class ScenarioWriter {
    private ScenarioWriter() { }

    public static String toYaml(HilScenario s) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(quote(s.name())).append('\n');
        if (!s.description().isBlank()) {
            sb.append("description: ").append(quote(s.description())).append('\n');
        }
        if (!s.fresh()) {
            sb.append("fresh: false\n");
        }
        sb.append("steps:\n");
        for (Step st : s.steps()) {
            sb.append("  - ").append(st.kind().key()).append(": ").append(value(st)).append('\n');
            if (st.fault().any()) {
                sb.append("    fault: {");
                if (st.fault().alloc() > 0) {
                    sb.append("alloc: ").append(st.fault().alloc());
                }
                if (st.fault().flash() > 0) {
                    sb.append(st.fault().alloc() > 0 ? ", " : "").append("flash: ").append(st.fault().flash());
                }
                sb.append("}\n");
            }
            if (st.expectRc() != null) {
                sb.append("    expect_rc: ").append(st.expectRc()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String value(Step st) {
        return switch (st.kind()) {
            case UPLOAD -> list(st.exts());
            case LOAD, UNLOAD -> st.ext();
            case CALL -> "{ext: " + st.ext() + ", symbol: " + st.symbol() + ", expect: " + quote(st.expect().toString()) + "}";
            case STATE -> st.expectExts() == null ? "{}" : list(st.expectExts());
            case SAVE -> st.exts().isEmpty() ? "all" : list(st.exts());
            case RESTORE -> st.order().isEmpty() ? "{}" : "{order: " + st.order() + "}";
            case ERASE -> "{}";
            case SLEEP -> Long.toString(st.sleepMs());
            case RESET -> switch (st.reset().kind()) {
                case EXTERNAL -> "{kind: external, command: " + quote(st.reset().command()) + "}";
                case POWERCUT -> "{kind: powercut, flash_op: " + st.reset().flashOp() + "}";
                case FIRMWARE -> "{kind: firmware, build_id: " + quote(st.reset().buildId()) + "}";
                default -> st.reset().kind().key();
            };
        };
    }

    private static String list(List<String> l) {
        return "[" + String.join(", ", l) + "]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
