package io.llexthil.campaign.report;

import io.llexthil.campaign.run.RunResult;
import io.llexthil.shell.Transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Writes every report of a run into its run directory. */
public final class RunReports {
    private RunReports() { }

    /**
     * Writes summary.txt, junit.xml, report.json and report.html of a run with no transcript of its
     * own: a pool (each board keeps its logs in boards/NAME/, which the HTML report lists) or a merge.
     */
    public static Path writeReports(RunResult run) {
        try {
            return writeReports(run, List.of(), logFiles(run.runDir().toAbsolutePath().normalize()));
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
            return writeReports(run, lines, writeTranscripts(run, transcript, lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path writeReports(RunResult run, List<String> lines, List<String> logFiles) throws IOException {
        Path dir = run.runDir();
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), ConsoleSummary.render(run), StandardCharsets.UTF_8);
        JunitXmlWriter.write(run, dir.resolve(RunDirectory.JUNIT));
        JsonReportWriter.write(run, dir.resolve(RunDirectory.JSON));
        Path html = dir.resolve(RunDirectory.HTML);
        HtmlReportWriter.write(run, lines, logFiles, html);
        return html;
    }

    /**
     * Makes sure the raw and stripped transcripts are in the run directory; returns every log file
     * there (transcripts of each connection, the board process's own log), relative to it.
     */
    private static List<String> writeTranscripts(RunResult run, Transcript t, List<String> lines) throws IOException {
        Path dir = run.runDir().toAbsolutePath().normalize();
        Path out = dir.resolve(RunDirectory.TRANSCRIPTS);
        String board = run.board().replaceAll("[^A-Za-z0-9_.-]", "_");
        keep(t == null ? null : t.rawFile(), out.resolve(board + ".raw.log"), dir);
        if (keep(t == null ? null : t.strippedFile(), out.resolve(board + ".log"), dir) == null) {
            // the session kept its transcript only in memory: write what it holds
            Files.createDirectories(out);
            Files.write(out.resolve(board + ".log"), lines, StandardCharsets.UTF_8);
        }
        return logFiles(dir);
    }

    /** Every log file in the run directory (also in boards/NAME/ of a pool), relative to it. */
    private static List<String> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f))
                    .map(dir::relativize)
                    .sorted(Comparator.comparing(Path::getNameCount).thenComparing(Path::toString))
                    .map(Path::toString).toList();
        }
    }

    /** The file inside the run directory: where it is already, or copied to {@code to}; null when there is none. */
    private static Path keep(Path from, Path to, Path runDir) throws IOException {
        if (from == null || !Files.exists(from)) {
            return null;
        }
        Path abs = from.toAbsolutePath().normalize();
        if (abs.startsWith(runDir)) {
            return abs; // the board layer already keeps it in the run directory
        }
        Files.createDirectories(to.getParent());
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
