package io.llexthil.campaign.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code cases.jsonl}: the run's cases written to disk as each one finishes, one JSON object per
 * line (the same object report.json holds), after a first line that says what the run is. The
 * reports are written at the end from the cases in memory; the journal is what survives when the
 * tool is killed before that (SIGKILL, a CI timeout, a crash of the JVM):
 * {@code llext-hil report rebuild DIR} turns it into the reports, and {@code report merge} reads it
 * where report.json is missing. Each line is flushed to the OS as it is written, so a killed
 * process loses at most the line being written, which the reader skips.
 *
 * <p>Writing must never stop a run: the first failure (disk full, directory gone) closes the
 * journal and is kept in {@link #problem()} for the command to report at the end.
 */
public final class CaseJournal implements AutoCloseable {
    /** The journal's first line carries this key, with the format's version. */
    static final String FORMAT_KEY = "journal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;
    private String problem;
    private int cases;

    private CaseJournal(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates {@code runDir/cases.jsonl} and writes its first line from {@code run}: what report.json
     * says of the run before its totals, and the measurements known at the start (its cases are not
     * written: they follow with {@link #append}).
     *
     * @throws UncheckedIOException the file cannot be created (the run directory is not writable)
     */
    public static CaseJournal create(RunResult run) {
        Path file = run.runDir().resolve(RunDirectory.JOURNAL);
        try {
            return start(run, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** A journal named {@code file} that writes into {@code out}, its first line written. */
    static CaseJournal start(RunResult run, Path file, Writer out) {
        try {
            CaseJournal journal = new CaseJournal(file, out instanceof BufferedWriter b ? b : new BufferedWriter(out));
            ObjectNode head = JsonReportWriter.header(run);
            head.put(FORMAT_KEY, 1);
            // known at the start (a shard's name and the whole run's case order, for report merge)
            head.set("measurements", JSON.valueToTree(run.measurements()));
            journal.writeLine(head);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one finished case; after a failure it does nothing (see {@link #problem()}). */
    public synchronized void append(CaseResult result) {
        if (out == null) {
            return;
        }
        try {
            writeLine(JsonReportWriter.caseNode(result));
            cases++;
        } catch (IOException e) {
            problem = "the case journal " + file + " stopped after " + Plural.of(cases, "case") + ": " + e.getMessage();
            closeQuietly();
        }
    }

    private void writeLine(ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
        out.flush(); // to the OS: a killed JVM loses nothing written so far
    }

    /** Why the journal stopped early, or null while it is complete. */
    public synchronized String problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (problem == null) {
                problem = "the case journal " + file + " could not be closed: " + e.getMessage();
            }
        }
        out = null;
    }
}
