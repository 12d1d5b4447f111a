package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;

import java.util.Locale;
import java.util.TreeSet;

/**
 * The report's per-case section: each step with both sides' facts, differing fields marked. A
 * "differences only" switch (a checkbox and CSS, no script) hides agreeing steps, equal fields
 * and passing cases, so a failure is not buried under hundreds of equal values.
 */
final class HtmlCaseDetails {
    private HtmlCaseDetails() { }

    static void render(StringBuilder sb, RunResult run) {
        sb.append("<h2 id=\"cases\">Cases</h2>\n");
        sb.append("<input type=\"checkbox\" id=\"only-diffs\" class=\"switch\"/>")
                .append("<label for=\"only-diffs\" class=\"switch-label\">differences only: hide passing cases, agreeing steps"
                        + " and equal fields</label>\n<div class=\"cases\">\n");
        for (CaseResult c : run.cases()) {
            renderCase(sb, c);
        }
        sb.append("</div>\n");
    }

    private static void renderCase(StringBuilder sb, CaseResult c) {
        sb.append("<details id=\"case-").append(HtmlReportWriter.anchor(c.name())).append("\" class=\"case st-")
                .append(c.status().name()).append('"').append(c.status() == CaseStatus.PASS ? "" : " open=\"open\"")
                .append("><summary><span class=\"").append(c.status().name()).append("\">").append(c.status().name())
                .append("</span> ").append(Xml.esc(c.name())).append(" <small>(").append(Xml.esc(c.source())).append(", ")
                .append(ConsoleSummary.steps(c)).append(" steps run, ").append(Durations.human(c.millis()))
                .append(")</small></summary>\n");
        sb.append("<p>").append(Xml.esc(c.description())).append("</p>\n");
        HtmlReportWriter.measurements(sb, c.measurements());
        sb.append("<table class=\"steps\">\n<tr><th>#</th><th>step</th><th>outcome</th><th>boot epoch</th>")
                .append("<th>facts: field, twin, board</th></tr>\n");
        for (StepRecord s : c.steps()) {
            renderStep(sb, s);
        }
        sb.append("</table>\n</details>\n");
    }

    private static void renderStep(StringBuilder sb, StepRecord s) {
        boolean problem = s.outcome() == StepOutcome.DIVERGE || s.outcome() == StepOutcome.ERROR || !s.differences().isEmpty();
        sb.append("<tr class=\"step ").append(problem ? "problem" : "fine").append("\"><td>").append(s.index())
                .append("</td><td>").append(Xml.esc(s.label()));
        if (s.error() != null) {
            sb.append("<br/><small>").append(Xml.esc(s.error())).append("</small>");
        }
        if (!s.excerpt().isEmpty()) {
            sb.append("<details><summary>transcript</summary><pre>").append(Xml.esc(String.join("\n", s.excerpt())))
                    .append("</pre></details>");
        }
        sb.append("</td><td class=\"").append(s.outcome().name()).append("\">")
                .append(s.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td><td>").append(s.epoch())
                .append("</td><td>");
        TreeSet<String> fields = new TreeSet<>(s.predicted().asMap().keySet());
        fields.addAll(s.observed().asMap().keySet());
        if (!fields.isEmpty()) {
            sb.append("<table class=\"facts\">");
            for (String f : fields) {
                String p = s.predicted().get(f);
                String o = s.observed().get(f);
                boolean differs = s.differences().stream().anyMatch(d -> d.field().equals(f));
                sb.append("<tr class=\"").append(differs ? "differs" : "same").append("\"><td><code>").append(Xml.esc(f))
                        .append("</code></td><td><code>").append(Xml.esc(p == null ? "" : p)).append("</code></td><td")
                        .append(differs ? " class=\"FAIL\"" : "").append("><code>").append(Xml.esc(o == null ? "" : o))
                        .append("</code></td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("</td></tr>\n");
    }
}
