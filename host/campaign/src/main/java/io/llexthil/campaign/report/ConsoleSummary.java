package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;

import java.util.Locale;

/** The table printed at the end of a run (and saved as {@code summary.txt}). */
public final class ConsoleSummary {
    private static final int MESSAGE_WIDTH = 90;

    private ConsoleSummary() { }

    public static String render(RunResult run) {
        int w = Math.max(8, run.cases().stream().mapToInt(c -> c.name().length()).max().orElse(8));
        StringBuilder sb = new StringBuilder();
        sb.append("llext-hil ").append(run.command()).append(" on board '").append(run.board())
                .append("', twin profile '").append(run.profile()).append("'\n");
        String fmt = "%-" + w + "s  %-6s  %5s  %5s  %8s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "case", "result", "steps", "diffs", "time", "first divergence / error"));
        sb.append("-".repeat(w + 36 + 24)).append('\n');
        for (CaseResult c : run.cases()) {
            long ran = c.steps().stream().filter(s -> s.outcome() != StepOutcome.SKIPPED).count();
            // a case kept as its summary (a passing fuzz sequence) carries its step count in its measurements
            String steps = c.steps().isEmpty() && c.measurements().get("steps") instanceof Number n ? n + "/" + n
                    : ran + "/" + c.steps().size();
            sb.append(String.format(Locale.ROOT, fmt, c.name(), c.status().name(), steps,
                    c.differences().size(), String.format(Locale.ROOT, "%.2fs", c.millis() / 1000.0),
                    shorten(c.message())));
        }
        sb.append("-".repeat(w + 36 + 24)).append('\n');
        sb.append(String.format(Locale.ROOT, "%d cases: %d passed, %d failed (divergences), %d errors; %.1f s%n",
                run.cases().size(), run.count(CaseStatus.PASS), run.count(CaseStatus.FAIL), run.count(CaseStatus.ERROR),
                run.millis() / 1000.0));
        if (!run.measurements().isEmpty()) {
            run.measurements().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MESSAGE_WIDTH ? s : s.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
