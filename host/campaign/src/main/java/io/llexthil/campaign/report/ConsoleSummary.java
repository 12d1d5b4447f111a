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
            sb.append(String.format(Locale.ROOT, fmt, c.name(), c.status().name(), steps(c),
                    c.differences().size(), String.format(Locale.ROOT, "%.2fs", c.millis() / 1000.0),
                    shorten(c.message())));
        }
        sb.append("-".repeat(w + 36 + 24)).append('\n');
        sb.append(totals(run)).append(String.format(Locale.ROOT, "; %.1f s%n", run.millis() / 1000.0));
        if (run.cases().stream().anyMatch(ConsoleSummary::skippedAny)) {
            sb.append(STEPS_LEGEND).append('\n');
        }
        if (!run.measurements().isEmpty()) {
            run.measurements().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }

    /** What the steps column means when some were not run. */
    static final String STEPS_LEGEND = "steps: run/in the case; after a crash or an error the rest of a case is skipped";

    /** {@code 13 cases: 10 passed, 3 failed (divergences), 0 errors}. */
    static String totals(RunResult run) {
        return Plural.of(run.cases().size(), "case") + ": " + run.count(CaseStatus.PASS) + " passed, "
                + run.count(CaseStatus.FAIL) + " failed (divergences), " + Plural.of(run.count(CaseStatus.ERROR), "error")
                + (run.count(CaseStatus.SKIPPED) > 0 ? ", " + run.count(CaseStatus.SKIPPED) + " skipped (this board cannot run them)" : "");
    }

    /** The steps that ran of all the case's steps, {@code 6/7}. */
    static String steps(CaseResult c) {
        // a case kept as its summary (a passing fuzz sequence) carries its step count in its measurements
        if (c.steps().isEmpty() && c.measurements().get("steps") instanceof Number n) return n + "/" + n;
        long ran = c.steps().stream().filter(s -> s.outcome() != StepOutcome.SKIPPED).count();
        return ran + "/" + c.steps().size();
    }

    static boolean skippedAny(CaseResult c) {
        return c.steps().stream().anyMatch(s -> s.outcome() == StepOutcome.SKIPPED);
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MESSAGE_WIDTH ? s : s.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
