package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained file (inline CSS and SVG, no script, no external asset)
 * that opens from the file system. Written as well-formed XHTML so that tests can parse it as XML.
 * Sections: header and totals, summary, timeline of steps with reset markers, heap chart, diff
 * table, per-case details (with a "differences only" switch), the run's stripped transcript.
 */
public final class HtmlReportWriter {
    private static final int TRANSCRIPT_TAIL = 4000;
    private static final String CSS = loadCss();

    private HtmlReportWriter() { }

    public static void write(RunResult run, List<String> transcript, List<String> transcriptFiles, Path file)
            throws IOException {
        Files.writeString(file, render(run, transcript, transcriptFiles), StandardCharsets.UTF_8);
    }

    /** The page without naming transcript files (they are kept elsewhere). */
    public static String render(RunResult run, List<String> transcript) {
        return render(run, transcript, List.of());
    }

    /**
     * @param transcriptFiles the transcript files in the run directory, relative to it, as the
     *                        page names them (the raw and the stripped one)
     */
    public static String render(RunResult run, List<String> transcript, List<String> transcriptFiles) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>llext-hil ")
                .append(Xml.esc(run.command())).append(" — ").append(Xml.esc(run.board())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(sb, run);
        summary(sb, run);
        HtmlTimeline.render(sb, run);
        sb.append("<h2 id=\"heap\">Heap use</h2>\n").append(HeapChart.svg(run)).append(HeapChart.legend());
        diffTable(sb, run);
        HtmlCaseDetails.render(sb, run);
        transcript(sb, transcript, transcriptFiles);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, RunResult run) {
        sb.append("<h1>llext-hil ").append(Xml.esc(run.command())).append("</h1>\n");
        sb.append("<p>Board <b>").append(Xml.esc(run.board())).append("</b>, twin profile <b>")
                .append(Xml.esc(run.profile())).append("</b>, started ").append(Durations.wallClock(run.started()))
                .append(", took ").append(Durations.human(run.millis())).append(".</p>\n");
        if (run.link() != null) {
            sb.append("<p class=\"link\">Link <code>").append(Xml.esc(run.link().url())).append("</code>: ")
                    .append(Xml.esc(run.link().description())).append("</p>\n");
        }
        sb.append("<p class=\"totals\">").append(Plural.of(run.cases().size(), "case")).append(": <span class=\"PASS\">")
                .append(run.count(CaseStatus.PASS)).append(" passed</span>, <span class=\"FAIL\">")
                .append(run.count(CaseStatus.FAIL)).append(" failed (divergences)</span>, <span class=\"ERROR\">")
                .append(Plural.of(run.count(CaseStatus.ERROR), "error")).append("</span>")
                .append(run.count(CaseStatus.SKIPPED) > 0 ? ", <span class=\"SKIPPED\">" + run.count(CaseStatus.SKIPPED)
                        + " skipped (this board cannot run them)</span>" : "").append("</p>\n");
        measurements(sb, run.measurements());
        sb.append("<details><summary>Board info</summary><pre>").append(Xml.esc(run.boardInfo())).append("</pre></details>\n");
    }

    private static void summary(StringBuilder sb, RunResult run) {
        sb.append("<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\">\n<tr><th>case</th><th>group</th><th>result</th>")
                .append("<th>steps run</th><th>differences</th><th>time</th><th>first divergence / error</th></tr>\n");
        for (CaseResult c : run.cases()) {
            sb.append("<tr><td><a href=\"#case-").append(anchor(c.name())).append("\">").append(Xml.esc(c.name()))
                    .append("</a></td><td>").append(Xml.esc(c.group())).append("</td><td class=\"").append(c.status().name())
                    .append("\">").append(c.status().name()).append("</td><td>").append(ConsoleSummary.steps(c))
                    .append("</td><td>").append(c.differences().size()).append("</td><td>").append(Durations.human(c.millis()))
                    .append("</td><td>").append(Xml.esc(c.message())).append("</td></tr>\n");
        }
        sb.append("</table>\n<p class=\"legend\">Steps run: the steps that ran / the steps of the case, as in the console"
                + " summary; after a crash (predicted or not) or an error the rest of a case is skipped.</p>\n");
    }

    private static void diffTable(StringBuilder sb, RunResult run) {
        sb.append("<h2 id=\"differences\">Differences</h2>\n");
        long n = run.cases().stream().mapToLong(c -> c.differences().size()).sum();
        if (n == 0) {
            sb.append("<p>None: the board agreed with the twin and the scenarios on every compared field.</p>\n");
            return;
        }
        sb.append("<table class=\"differences\">\n<tr><th>case</th><th>step</th><th>field</th><th>source</th><th>expected</th>")
                .append("<th>observed</th><th>transcript</th></tr>\n");
        for (CaseResult c : run.cases()) {
            for (Difference d : c.differences()) {
                sb.append("<tr><td><a href=\"#case-").append(anchor(c.name())).append("\">").append(Xml.esc(c.name()))
                        .append("</a></td><td>").append(d.step()).append(": ")
                        .append(Xml.esc(d.stepLabel())).append("</td><td><code>").append(Xml.esc(d.field()))
                        .append("</code></td><td>").append(Xml.esc(d.source())).append("</td><td><code>")
                        .append(Xml.esc(d.expected())).append("</code></td><td class=\"FAIL\"><code>").append(Xml.esc(d.observed()))
                        .append("</code></td><td><pre>").append(Xml.esc(String.join("\n", d.excerpt()))).append("</pre></td></tr>\n");
            }
        }
        sb.append("</table>\n");
    }

    private static void transcript(StringBuilder sb, List<String> transcript, List<String> files) {
        int shown = Math.min(transcript.size(), TRANSCRIPT_TAIL);
        sb.append("<h2 id=\"transcript\">Transcript</h2>\n<p class=\"files\">");
        if (files.isEmpty()) {
            sb.append("The board's transcript files are not in the run directory.");
        } else {
            sb.append("Full transcripts and logs in the run directory (raw: every byte with its time; stripped: lines without colours): ");
            for (int i = 0; i < files.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append("<code>").append(Xml.esc(files.get(i))).append("</code>");
            }
            sb.append('.');
        }
        sb.append("</p>\n<details><summary>stripped transcript (")
                .append(shown == transcript.size() ? "all " + Plural.of(shown, "line") : "the last " + shown + " of "
                        + transcript.size() + " lines")
                .append(")</summary><pre>");
        for (String l : transcript.subList(transcript.size() - shown, transcript.size())) {
            sb.append(Xml.esc(l)).append('\n');
        }
        sb.append("</pre></details>\n");
    }

    /** A table of measurements (a run's or a case's); nothing when there are none. */
    static void measurements(StringBuilder sb, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        sb.append("<table class=\"kv\">\n");
        for (Map.Entry<String, Object> m : values.entrySet()) {
            sb.append("<tr><th>").append(Xml.esc(m.getKey())).append("</th><td>").append(Xml.esc(String.valueOf(m.getValue())))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String loadCss() {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
