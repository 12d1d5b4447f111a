package io.llexthil.shell.reset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.llexthil.link.Link;
import io.llexthil.shell.ShellSession;

/**
 * Runs a program (a relay or PDU script, {@code pdudaemon-client}, {@code uhubctl}...) given as
 * an argv list: no shell, so no quoting or interpolation surprises. It must exit 0 within the
 * timeout; its merged stdout/stderr is captured for the error message. The environment gets
 * {@code LLEXT_HIL_BOARD} set to the board's name.
 */
public final class ExternalCommandReset implements ResetControl {
    private static final int MAX_OUTPUT = 16 * 1024;
    private final List<String> argv;

    public ExternalCommandReset(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("an external reset needs a program to run");
        this.argv = List.copyOf(argv);
    }

    @Override public String describe() { return "external " + argv; }

    @Override
    public void trigger(ShellSession session, Link link, Duration timeout) {
        String board = session.boardName();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("LLEXT_HIL_BOARD", board);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ResetException(board, "external", "cannot start " + argv.get(0) + ": " + e.getMessage(), "", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "reset-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                throw new ResetException(board, "external", argv + " did not finish within " + timeout.toMillis()
                        + " ms (killed); output: " + text(output, reader), "", null);
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw new ResetException(board, "external", argv + " exited with " + exit + "; output: "
                        + text(output, reader), "", null);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ResetException(board, "external", "interrupted", "", e);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (sink) {
                    if (sink.size() < MAX_OUTPUT) sink.write(buf, 0, Math.min(n, MAX_OUTPUT - sink.size()));
                }
            }
        } catch (IOException e) {
            // the process was killed: what we have is what there is
        }
    }

    private static String text(ByteArrayOutputStream output, Thread reader) throws InterruptedException {
        reader.join(500);
        String s;
        synchronized (output) {
            s = output.toString(StandardCharsets.UTF_8).strip();
        }
        if (s.isEmpty()) return "(none)";
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
