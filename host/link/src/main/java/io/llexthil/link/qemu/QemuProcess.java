package io.llexthil.link.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running QEMU started by {@link QemuLauncher}: paused, its QMP session ready, its serial
 * socket listening on {@link #serialPort()}. {@link #close()} always reaps the process.
 */
public final class QemuProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QemuProcess.class);
    private static final Duration QUIT_REPLY = Duration.ofMillis(300);
    private static final Duration EXIT_AFTER_QUIT = Duration.ofMillis(700);
    private static final Duration EXIT_AFTER_TERM = Duration.ofMillis(300);
    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(1);
    private static final int STDERR_TAIL_BYTES = 2048;

    private final String link;
    private final Process process;
    private final QmpClient qmp;
    private final int serialPort;
    private final Path transcript;
    private final Path stderrFile;
    private final List<String> commandLine;
    private final AtomicBoolean closed = new AtomicBoolean();

    QemuProcess(String link, Process process, QmpClient qmp, int serialPort, Path transcript, Path stderrFile,
            List<String> commandLine) {
        this.link = link;
        this.process = process;
        this.qmp = qmp;
        this.serialPort = serialPort;
        this.transcript = transcript;
        this.stderrFile = stderrFile;
        this.commandLine = List.copyOf(commandLine);
    }

    /** The loopback port of the serial chardev (one client at a time). */
    public int serialPort() { return serialPort; }

    public QmpClient qmp() { return qmp; }

    /** The chardev's {@code logfile}: every byte the guest wrote to the serial port. */
    public Path transcript() { return transcript; }

    public Path stderrFile() { return stderrFile; }

    public List<String> commandLine() { return commandLine; }

    public long pid() { return process.pid(); }

    public boolean isAlive() { return process.isAlive(); }

    /** The exit code once QEMU has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code timeout} for QEMU to exit; true if it has. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The last couple of KiB of QEMU's stderr (what it says when it refuses to start or dies). */
    public String stderrTail() {
        return tail(stderrFile);
    }

    /** "exited with code N" or "running", for messages. */
    public String state() {
        return process.isAlive() ? "running (pid " + process.pid() + ")" : "exited with code " + process.exitValue();
    }

    /**
     * Stops QEMU: QMP {@code quit} first (QEMU flushes the transcript), then SIGTERM, then
     * SIGKILL, each after a short grace period. Idempotent; returns within about 2.5 s.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process.isAlive() && qmp.isConnected()) {
                try {
                    qmp.quit(QUIT_REPLY);
                } catch (QmpException e) {
                    log.debug("{}: quit failed, terminating QEMU: {}", link, e.getMessage());
                }
            }
            if (!awaitExit(EXIT_AFTER_QUIT)) {
                process.destroy();
                if (!awaitExit(EXIT_AFTER_TERM)) {
                    log.warn("{}: QEMU (pid {}) ignored SIGTERM, killing it", link, process.pid());
                    process.destroyForcibly();
                    awaitExit(EXIT_AFTER_KILL);
                }
            }
        } finally {
            qmp.close();
        }
    }

    static String tail(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - STDERR_TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
