package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report's timeline: per case one box per step, lettered by what the step does and coloured
 * by how it ended, with a red bar at every reset; a legend that explains every letter used.
 */
final class HtmlTimeline {
    /** One letter per step kind, none shared (a reset reboots: B; a restore: R; a save: S; a state query: Q). */
    private static final Map<String, String> LETTERS = new LinkedHashMap<>();

    static {
        LETTERS.put("upload", "U");
        LETTERS.put("load", "L");
        LETTERS.put("call", "C");
        LETTERS.put("unload", "X");
        LETTERS.put("state", "Q");
        LETTERS.put("save", "S");
        LETTERS.put("reset", "B");
        LETTERS.put("restore", "R");
        LETTERS.put("erase", "E");
        LETTERS.put("sleep", "Z");
    }

    private static final Map<StepOutcome, String> OUTCOMES = Map.of(
            StepOutcome.AGREE, "agree",
            StepOutcome.CRASH_AGREED, "crash predicted and observed",
            StepOutcome.DIVERGE, "divergence",
            StepOutcome.ERROR, "error",
            StepOutcome.SKIPPED, "skipped (after a crash or an error)");

    private HtmlTimeline() { }

    static void render(StringBuilder sb, RunResult run) {
        sb.append("<h2 id=\"timeline\">Timeline — board ").append(Xml.esc(run.board())).append("</h2>\n<div class=\"timeline\">\n");
        Map<String, String> used = new LinkedHashMap<>();
        for (CaseResult c : run.cases()) {
            sb.append("<div class=\"tl-case\"><a class=\"tl-name\" href=\"#case-").append(HtmlReportWriter.anchor(c.name()))
                    .append("\" title=\"").append(Xml.esc(c.name())).append("\">").append(Xml.esc(c.name())).append("</a>");
            for (StepRecord s : c.steps()) {
                if (s.reset()) {
                    sb.append("<span class=\"tl-reset\" title=\"reset: boot epoch ").append(s.epoch()).append("\">|</span>");
                }
                String letter = letter(s.kind());
                used.putIfAbsent(letter, s.kind().isEmpty() ? "unknown" : s.kind());
                sb.append("<span class=\"tl-step ").append(s.outcome().name()).append("\" title=\"")
                        .append(Xml.esc("step " + s.index() + ": " + s.label() + " — " + OUTCOMES.get(s.outcome())
                                + " (boot epoch " + s.epoch() + ", " + Durations.human(s.millis()) + ")"))
                        .append("\">").append(Xml.esc(letter)).append("</span>");
            }
            sb.append("</div>\n");
        }
        sb.append("</div>\n<p class=\"legend\">Steps: ");
        used.forEach((letter, kind) -> sb.append("<span class=\"tl-step\">").append(Xml.esc(letter)).append("</span> ")
                .append(Xml.esc(kind)).append(" "));
        sb.append("<br/>Colours: ");
        for (StepOutcome o : StepOutcome.values()) {
            sb.append("<span class=\"tl-step ").append(o.name()).append("\">&#160;</span> ").append(Xml.esc(OUTCOMES.get(o))).append(" ");
        }
        sb.append("<span class=\"tl-reset\">|</span> reset (the board booted again)</p>\n");
    }

    /** The step kind's letter; a kind this report does not know gets its first two letters. */
    static String letter(String kind) {
        String l = LETTERS.get(kind);
        if (l != null) {
            return l;
        }
        return kind.isEmpty() ? "?" : kind.substring(0, Math.min(2, kind.length())).toLowerCase(Locale.ROOT);
    }
}
