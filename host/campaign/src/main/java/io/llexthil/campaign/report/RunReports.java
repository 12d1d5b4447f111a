package io.llexthil.campaign.report;

import io.llexthil.campaign.run.RunResult;
import io.llexthil.shell.Transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes every report of a run into its run directory. */
public final class RunReports {
    private RunReports() { }

    /** Writes summary.txt, junit.xml, report.json and report.html of a run with no transcript of its own (a merge). */
    public static Path writeReports(RunResult run) {
        try {
            return writeReports(run, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + run.runDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes summary.txt, junit.xml, report.json, report.html and transcripts/ (raw and stripped;
     * copied from the session's files unless the board layer already wrote them into the run
     * directory). Returns the HTML report's path.
     */
    public static Path writeAll(RunResult run, Transcript transcript) {
        Path dir = run.runDir();
        try {
            List<String> lines = transcript == null ? List.of() : transcript.strippedLines();
            writeTranscripts(run, transcript, lines);
            return writeReports(run, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path writeReports(RunResult run, List<String> lines) throws IOException {
        Path dir = run.runDir();
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), ConsoleSummary.render(run), StandardCharsets.UTF_8);
        JunitXmlWriter.write(run, dir.resolve(RunDirectory.JUNIT));
        JsonReportWriter.write(run, dir.resolve(RunDirectory.JSON));
        Path html = dir.resolve(RunDirectory.HTML);
        HtmlReportWriter.write(run, lines, html);
        return html;
    }

    private static void writeTranscripts(RunResult run, Transcript t, List<String> lines) throws IOException {
        Path out = run.runDir().resolve(RunDirectory.TRANSCRIPTS);
        String board = run.board().replaceAll("[^A-Za-z0-9_.-]", "_");
        copyUnlessInside(t == null ? null : t.rawFile(), out.resolve(board + ".raw.log"), run.runDir());
        if (t != null && t.strippedFile() != null && Files.exists(t.strippedFile())) {
            copyUnlessInside(t.strippedFile(), out.resolve(board + ".log"), run.runDir());
        } else {
            // the session kept its transcript only in memory: write what it holds
            Files.createDirectories(out);
            Files.write(out.resolve(board + ".log"), lines, StandardCharsets.UTF_8);
        }
    }

    private static void copyUnlessInside(Path from, Path to, Path runDir) throws IOException {
        if (from == null || !Files.exists(from)) {
            return;
        }
        if (from.toAbsolutePath().normalize().startsWith(runDir.toAbsolutePath().normalize())) {
            return; // the board layer already keeps it in the run directory
        }
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
