package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.html}: one self-contained file (inline CSS and SVG, no script, no external asset)
 * that opens from the file system. Written as well-formed XHTML so that tests can parse it as XML.
 * Sections: summary, timeline of steps with reset markers, heap chart, diff table, per-case
 * details with both sides' facts and transcript excerpts, the run's stripped transcript.
 */
public final class HtmlReportWriter {
    private static final int TRANSCRIPT_TAIL = 4000;

    private HtmlReportWriter() { }

    public static void write(RunResult run, List<String> transcript, Path file) throws IOException {
        Files.writeString(file, render(run, transcript), StandardCharsets.UTF_8);
    }

    public static String render(RunResult run, List<String> transcript) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>llext-hil ")
                .append(Xml.esc(run.command())).append(" — ").append(Xml.esc(run.board())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>llext-hil ").append(Xml.esc(run.command())).append("</h1>\n");
        sb.append("<p>Board <b>").append(Xml.esc(run.board())).append("</b>, twin profile <b>")
                .append(Xml.esc(run.profile())).append("</b>, started ").append(Xml.esc(run.started().toString()))
                .append(", ").append(String.format(Locale.ROOT, "%.1f", run.millis() / 1000.0)).append(" s.</p>\n");
        if (run.link() != null) {
            sb.append("<p class=\"link\">Link <code>").append(Xml.esc(run.link().url())).append("</code>: ")
                    .append(Xml.esc(run.link().description())).append("</p>\n");
        }
        sb.append("<p class=\"totals\">").append(run.cases().size()).append(" cases: <span class=\"PASS\">")
                .append(run.count(CaseStatus.PASS)).append(" passed</span>, <span class=\"FAIL\">")
                .append(run.count(CaseStatus.FAIL)).append(" failed</span>, <span class=\"ERROR\">")
                .append(run.count(CaseStatus.ERROR)).append(" errors</span></p>\n");
        if (!run.measurements().isEmpty()) {
            sb.append("<table class=\"kv\">\n");
            for (Map.Entry<String, Object> m : run.measurements().entrySet()) {
                sb.append("<tr><th>").append(Xml.esc(m.getKey())).append("</th><td>").append(Xml.esc(String.valueOf(m.getValue())))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<details><summary>Board info</summary><pre>").append(Xml.esc(run.boardInfo())).append("</pre></details>\n");
        summary(sb, run);
        timeline(sb, run);
        sb.append("<h2>Heap use</h2>\n").append(HeapChart.svg(run));
        diffTable(sb, run);
        details(sb, run);
        sb.append("<h2>Transcript</h2>\n<details><summary>stripped transcript (")
                .append(Math.min(transcript.size(), TRANSCRIPT_TAIL)).append(" of ").append(transcript.size())
                .append(" lines; the full raw and stripped files are in transcripts/)</summary><pre>");
        List<String> tail = transcript.subList(Math.max(0, transcript.size() - TRANSCRIPT_TAIL), transcript.size());
        for (String l : tail) {
            sb.append(Xml.esc(l)).append('\n');
        }
        sb.append("</pre></details>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, RunResult run) {
        sb.append("<h2>Summary</h2>\n<table>\n<tr><th>case</th><th>group</th><th>result</th><th>steps</th><th>differences</th><th>time</th><th>first divergence / error</th></tr>\n");
        for (CaseResult c : run.cases()) {
            sb.append("<tr><td><a href=\"#case-").append(anchor(c.name())).append("\">").append(Xml.esc(c.name()))
                    .append("</a></td><td>").append(Xml.esc(c.group())).append("</td><td class=\"").append(c.status().name())
                    .append("\">").append(c.status().name()).append("</td><td>").append(c.steps().size()).append("</td><td>")
                    .append(c.differences().size()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f s", c.millis() / 1000.0))
                    .append("</td><td>").append(Xml.esc(c.message())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void timeline(StringBuilder sb, RunResult run) {
        sb.append("<h2>Timeline — board ").append(Xml.esc(run.board())).append("</h2>\n<div class=\"timeline\">\n");
        for (CaseResult c : run.cases()) {
            sb.append("<div class=\"tl-case\"><span class=\"tl-name\">").append(Xml.esc(c.name())).append("</span>");
            for (StepRecord s : c.steps()) {
                if (s.reset()) {
                    sb.append("<span class=\"tl-reset\" title=\"reset (boot epoch ").append(s.epoch()).append(")\">|</span>");
                }
                sb.append("<span class=\"tl-step ").append(s.outcome().name()).append("\" title=\"")
                        .append(Xml.esc("step " + s.index() + ": " + s.label() + " — " + s.outcome().name().toLowerCase(Locale.ROOT)
                                + " (epoch " + s.epoch() + ", " + s.millis() + " ms)")).append("\">")
                        .append(Xml.esc(s.kind().isEmpty() ? "?" : s.kind().substring(0, 1))).append("</span>");
            }
            sb.append("</div>\n");
        }
        sb.append("</div>\n<p class=\"legend\"><span class=\"tl-step AGREE\">a</span> agree <span class=\"tl-step CRASH_AGREED\">c</span> crash predicted and observed "
                + "<span class=\"tl-step DIVERGE\">d</span> divergence <span class=\"tl-step ERROR\">e</span> error "
                + "<span class=\"tl-step SKIPPED\">s</span> skipped <span class=\"tl-reset\">|</span> reset</p>\n");
    }

    private static void diffTable(StringBuilder sb, RunResult run) {
        sb.append("<h2>Differences</h2>\n");
        long n = run.cases().stream().mapToLong(c -> c.differences().size()).sum();
        if (n == 0) {
            sb.append("<p>None: the board agreed with the twin and the scenarios on every compared field.</p>\n");
            return;
        }
        sb.append("<table>\n<tr><th>case</th><th>step</th><th>field</th><th>source</th><th>expected</th><th>observed</th><th>transcript</th></tr>\n");
        for (CaseResult c : run.cases()) {
            for (Difference d : c.differences()) {
                sb.append("<tr><td>").append(Xml.esc(c.name())).append("</td><td>").append(d.step()).append(": ")
                        .append(Xml.esc(d.stepLabel())).append("</td><td><code>").append(Xml.esc(d.field()))
                        .append("</code></td><td>").append(Xml.esc(d.source())).append("</td><td><code>")
                        .append(Xml.esc(d.expected())).append("</code></td><td class=\"FAIL\"><code>").append(Xml.esc(d.observed()))
                        .append("</code></td><td><pre>").append(Xml.esc(String.join("\n", d.excerpt()))).append("</pre></td></tr>\n");
            }
        }
        sb.append("</table>\n");
    }

    private static void details(StringBuilder sb, RunResult run) {
        sb.append("<h2>Cases</h2>\n");
        for (CaseResult c : run.cases()) {
            sb.append("<details id=\"case-").append(anchor(c.name())).append("\"").append(c.status() == CaseStatus.PASS ? "" : " open=\"open\"")
                    .append("><summary><span class=\"").append(c.status().name()).append("\">").append(c.status().name())
                    .append("</span> ").append(Xml.esc(c.name())).append(" <small>(").append(Xml.esc(c.source())).append(")</small></summary>\n");
            sb.append("<p>").append(Xml.esc(c.description())).append("</p>\n");
            if (!c.measurements().isEmpty()) {
                sb.append("<p>").append(Xml.esc(c.measurements().toString())).append("</p>\n");
            }
            sb.append("<table>\n<tr><th>#</th><th>step</th><th>outcome</th><th>epoch</th><th>field</th><th>twin</th><th>board</th></tr>\n");
            for (StepRecord s : c.steps()) {
                TreeSet<String> fields = new TreeSet<>(s.predicted().asMap().keySet());
                fields.addAll(s.observed().asMap().keySet());
                int rows = Math.max(1, fields.size());
                sb.append("<tr><td rowspan=\"").append(rows).append("\">").append(s.index()).append("</td><td rowspan=\"").append(rows)
                        .append("\">").append(Xml.esc(s.label()));
                if (s.error() != null) {
                    sb.append("<br/><small>").append(Xml.esc(s.error())).append("</small>");
                }
                if (!s.excerpt().isEmpty()) {
                    sb.append("<details><summary>transcript</summary><pre>").append(Xml.esc(String.join("\n", s.excerpt())))
                            .append("</pre></details>");
                }
                sb.append("</td><td rowspan=\"").append(rows).append("\" class=\"").append(s.outcome().name()).append("\">")
                        .append(s.outcome().name().toLowerCase(Locale.ROOT)).append("</td><td rowspan=\"").append(rows).append("\">")
                        .append(s.epoch()).append("</td>");
                if (fields.isEmpty()) {
                    sb.append("<td></td><td></td><td></td></tr>\n");
                    continue;
                }
                boolean first = true;
                for (String f : fields) {
                    if (!first) {
                        sb.append("<tr>");
                    }
                    first = false;
                    String p = s.predicted().get(f);
                    String o = s.observed().get(f);
                    boolean differs = s.differences().stream().anyMatch(d -> d.field().equals(f));
                    sb.append("<td><code>").append(Xml.esc(f)).append("</code></td><td><code>").append(Xml.esc(p == null ? "" : p))
                            .append("</code></td><td").append(differs ? " class=\"FAIL\"" : "").append("><code>")
                            .append(Xml.esc(o == null ? "" : o)).append("</code></td></tr>\n");
                }
            }
            sb.append("</table>\n</details>\n");
        }
    }

    private static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static boolean isProblem(StepOutcome o) {
        return o == StepOutcome.DIVERGE || o == StepOutcome.ERROR;
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }
            th, td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; font-size: 13px; text-align: left; }
            th { background: #eee; }
            pre { margin: 0; font-size: 12px; white-space: pre-wrap; }
            .PASS, .AGREE { color: #1e7e34; }
            .FAIL, .DIVERGE { color: #b00020; font-weight: bold; }
            .ERROR { color: #b35900; font-weight: bold; }
            .CRASH_AGREED { color: #6f42c1; }
            .SKIPPED { color: #999; }
            .timeline { font-family: monospace; }
            .tl-case { white-space: nowrap; margin: 2px 0; }
            .tl-name { display: inline-block; width: 16em; overflow: hidden; }
            .tl-step { display: inline-block; width: 1.3em; text-align: center; border: 1px solid #ccc; margin-right: 1px; }
            .tl-step.AGREE { background: #d4edda; }
            .tl-step.CRASH_AGREED { background: #e2d9f3; }
            .tl-step.DIVERGE { background: #f8d7da; }
            .tl-step.ERROR { background: #ffe5b4; }
            .tl-step.SKIPPED { background: #f0f0f0; }
            .tl-reset { color: #c0392b; font-weight: bold; margin: 0 2px; }
            """;
}
