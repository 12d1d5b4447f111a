package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepRecord;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML (the Ant/Surefire dialect CI dashboards read): one {@code testsuite} per run, one
 * {@code testcase} per scenario or sweep point; a divergence is a {@code failure}, an error an
 * {@code error}; the board id is in the suite's and each case's properties.
 */
public final class JunitXmlWriter {
    private JunitXmlWriter() { }

    public static void write(RunResult run, Path file) throws IOException {
        Files.writeString(file, render(run), StandardCharsets.UTF_8);
    }

    public static String render(RunResult run) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = run.count(CaseStatus.FAIL);
        long errors = run.count(CaseStatus.ERROR);
        String time = secs(run.millis());
        sb.append("<testsuites name=\"llext-hil\" tests=\"").append(run.cases().size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"").append(errors).append("\" time=\"").append(time).append("\">\n");
        sb.append("  <testsuite name=\"llext-hil.").append(Xml.esc(run.command())).append('.').append(Xml.esc(run.board()))
                .append("\" tests=\"").append(run.cases().size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(run.count(CaseStatus.SKIPPED))
                .append("\" time=\"").append(time)
                .append("\" timestamp=\"").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(run.started().atZone(ZoneOffset.UTC).withNano(0)))
                .append("\" hostname=\"").append(Xml.esc(hostname())).append("\">\n");
        sb.append("    <properties>\n");
        prop(sb, "      ", "board", run.board());
        prop(sb, "      ", "profile", run.profile());
        prop(sb, "      ", "command", run.command());
        prop(sb, "      ", "board.info", run.boardInfo());
        if (run.link() != null) {
            prop(sb, "      ", "board.link", run.link().url());
            prop(sb, "      ", "board.link.description", run.link().description());
        }
        for (Map.Entry<String, Object> m : run.measurements().entrySet()) {
            prop(sb, "      ", "measurement." + m.getKey(), String.valueOf(m.getValue()));
        }
        sb.append("    </properties>\n");
        for (CaseResult c : run.cases()) {
            sb.append("    <testcase name=\"").append(Xml.esc(c.name())).append("\" classname=\"llext-hil.")
                    .append(Xml.esc(c.group())).append("\" time=\"").append(secs(c.millis())).append("\">\n");
            sb.append("      <properties>\n");
            // a pooled run names the board of each case
            prop(sb, "        ", "board", String.valueOf(c.measurements().getOrDefault("board", run.board())));
            prop(sb, "        ", "source", c.source());
            for (Map.Entry<String, Object> m : c.measurements().entrySet()) {
                prop(sb, "        ", m.getKey(), String.valueOf(m.getValue()));
            }
            sb.append("      </properties>\n");
            if (c.status() == CaseStatus.FAIL) {
                sb.append("      <failure type=\"divergence\" message=\"").append(Xml.esc(c.message())).append("\">");
                for (Difference d : c.differences()) {
                    sb.append(Xml.esc(d.oneLine())).append('\n');
                }
                sb.append("</failure>\n");
            } else if (c.status() == CaseStatus.ERROR) {
                sb.append("      <error type=\"error\" message=\"").append(Xml.esc(c.message())).append("\">")
                        .append(Xml.esc(c.message())).append("</error>\n");
            } else if (c.status() == CaseStatus.SKIPPED) {
                sb.append("      <skipped message=\"").append(Xml.esc(c.message())).append("\"/>\n");
            }
            sb.append("      <system-out>");
            for (StepRecord s : c.steps()) {
                sb.append(Xml.esc("step " + s.index() + " " + s.label() + ": " + s.outcome().name().toLowerCase(Locale.ROOT)
                        + (s.error() == null ? "" : " (" + s.error() + ")"))).append('\n');
            }
            sb.append("</system-out>\n");
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static void prop(StringBuilder sb, String indent, String name, String value) {
        sb.append(indent).append("<property name=\"").append(Xml.esc(name)).append("\" value=\"")
                .append(Xml.esc(value == null ? "" : value)).append("\"/>\n");
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
