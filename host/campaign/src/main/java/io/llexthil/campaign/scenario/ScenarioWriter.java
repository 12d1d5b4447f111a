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
            sb.append("  - ").append(st.action().key()).append(": ").append(st.action().yaml()).append('\n');
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

    /** A flow list of names: {@code [a, b]}. */
    static String list(List<String> l) {
        return "[" + String.join(", ", l) + "]";
    }

    /** A double-quoted YAML string. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
