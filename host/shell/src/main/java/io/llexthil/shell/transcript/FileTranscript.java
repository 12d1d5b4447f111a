package io.llexthil.shell.transcript;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.llexthil.shell.Transcript;

/**
 * A board's transcript: {@code <board>.raw.log} holds the bytes exactly as received and sent,
 * with a marker line {@code \n=== RX|TX <instant> ===\n} wherever the direction changes;
 * {@code <board>.log} holds one timestamped, ANSI-stripped line per received line or sent
 * command ({@code <instant> RX|TX <text>}). The last {@code memoryLines} received lines are also
 * kept in memory for report excerpts. With a null run directory only the memory part exists.
 *
 * <p>Thread-safe: the link thread records RX, callers record TX. Writes are buffered and reach the
 * files within {@value #FLUSH_DELAY_MILLIS} ms, from one shared daemon thread, so no disk write
 * delays a command's round trip; {@link #flush()} (the session calls it when a step fails) and
 * {@link #close()} write at once.
 */
public final class FileTranscript implements Transcript, AutoCloseable {
    private final Path rawFile;
    private final Path strippedFile;
    private final OutputStream raw;
    private final OutputStream stripped;
    private final int memoryLines;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final Clock clock;
    private int count;
    private String direction = "";
    private boolean closed;
    private boolean flushScheduled;

    static final long FLUSH_DELAY_MILLIS = 20;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llext-hil-transcript-flush");
        t.setDaemon(true);
        return t;
    });

    public FileTranscript(Path runDir, String board, int memoryLines, Clock clock) {
        this.memoryLines = memoryLines;
        this.clock = clock;
        if (runDir == null) {
            rawFile = null;
            strippedFile = null;
            raw = OutputStream.nullOutputStream();
            stripped = OutputStream.nullOutputStream();
            return;
        }
        String safe = board.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.createDirectories(runDir);
            rawFile = runDir.resolve(safe + ".raw.log");
            strippedFile = runDir.resolve(safe + ".log");
            raw = new BufferedOutputStream(Files.newOutputStream(rawFile));
            stripped = new BufferedOutputStream(Files.newOutputStream(strippedFile));
        } catch (IOException e) {
            throw new UncheckedIOException(board + ": cannot create transcript in " + runDir + ": " + e.getMessage(), e);
        }
    }

    public static FileTranscript inMemory(String board) {
        return new FileTranscript(null, board, 10_000, Clock.systemUTC());
    }

    /** Bytes as received from the board. */
    public synchronized void rawIn(byte[] bytes) { writeRaw("RX", bytes); }

    /** Bytes as sent to the board. */
    public synchronized void rawOut(byte[] bytes) { writeRaw("TX", bytes); }

    /** A completed, stripped line received from the board. */
    public synchronized void lineIn(String line) {
        writeLine("RX", line);
        lines.addLast(line);
        count++;
        if (lines.size() > memoryLines) lines.removeFirst();
    }

    /** A command (or probe) sent to the board, without its line ending. */
    public synchronized void lineOut(String line) { writeLine("TX", line); }

    private void writeRaw(String dir, byte[] bytes) {
        if (closed) return;
        try {
            if (!dir.equals(direction)) {
                raw.write(("\n=== " + dir + " " + Instant.now(clock) + " ===\n").getBytes(StandardCharsets.US_ASCII));
                direction = dir;
            }
            raw.write(bytes);
            scheduleFlush();
        } catch (IOException e) {
            // a full disk must not take the board session down; the stripped log says so
            closed = true;
        }
    }

    private void writeLine(String dir, String line) {
        if (closed) return;
        try {
            stripped.write((Instant.now(clock) + " " + dir + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
            scheduleFlush();
        } catch (IOException e) {
            closed = true;
        }
    }

    private void scheduleFlush() {
        if (flushScheduled || rawFile == null) return;
        flushScheduled = true;
        FLUSHER.schedule(this::flush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Pushes what was recorded so far to the files. */
    public synchronized void flush() {
        flushScheduled = false;
        if (closed) return;
        try {
            raw.flush();
            stripped.flush();
        } catch (IOException e) {
            closed = true;
        }
    }

    @Override public Path rawFile() { return rawFile; }

    @Override public Path strippedFile() { return strippedFile; }

    @Override public synchronized List<String> strippedLines() { return List.copyOf(lines); }

    @Override public synchronized int mark() { return count; }

    @Override
    public synchronized List<String> excerpt(int fromMark, int toMark, int context) {
        int firstKept = count - lines.size();
        int from = Math.max(firstKept, Math.max(0, fromMark - context));
        int to = Math.min(count, toMark + context);
        List<String> out = new ArrayList<>();
        int i = firstKept;
        for (String line : lines) {
            if (i >= from && i < to) out.add(line);
            i++;
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            raw.close();
            stripped.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
