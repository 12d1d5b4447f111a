package io.llexthil.board;

import io.llexthil.shell.ShellException;
import io.llexthil.shell.ShellTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host program for a board (a relay or PDU script, a flash tool, {@code west flash}) with a
 * timeout: the one place the tool starts such programs. Given as an argv list there is no shell,
 * so no quoting surprises; {@link #shell} runs a command line with {@code sh -c} for scenario
 * steps written as one string. The program must exit 0 in time; otherwise it (and its children)
 * are killed and the error names the board, the step and the program's last output. The
 * environment gets {@code LLEXT_HIL_BOARD} set to the board's name.
 */
public final class ExternalCommand {
    private static final int MAX_OUTPUT = 16 * 1024;
    private final List<String> argv;

    private ExternalCommand(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an external command needs a program to run");
        }
        this.argv = List.copyOf(argv);
    }

    public static ExternalCommand argv(List<String> argv) {
        return new ExternalCommand(argv);
    }

    public static ExternalCommand shell(String commandLine) {
        return new ExternalCommand(List.of("sh", "-c", commandLine));
    }

    public List<String> argv() { return argv; }

    @Override
    public String toString() {
        return argv.size() == 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c") ? "'" + argv.get(2) + "'"
                : argv.toString();
    }

    /** Runs to completion; returns its output (stdout and stderr merged, at most 16 KiB). */
    public String run(String board, String step, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("LLEXT_HIL_BOARD", board);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ShellException(board, step, "cannot start " + argv.get(0) + ": " + e.getMessage(), "", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "command-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                throw new ShellTimeoutException(board, step, this + " did not finish within " + timeout.toMillis()
                        + " ms (killed); output: " + quoted(text(output, reader)), "");
            }
            int exit = process.exitValue();
            String out = text(output, reader);
            if (exit != 0) {
                throw new ShellException(board, step, this + " exited with " + exit + "; output: " + quoted(out), "", null);
            }
            return out;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ShellException(board, step, "interrupted while running " + this, "", e);
        }
    }

    private static String quoted(String output) {
        return output.isEmpty() ? "(none)" : "\"" + output + "\"";
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (sink) {
                    if (sink.size() < MAX_OUTPUT) {
                        sink.write(buf, 0, Math.min(n, MAX_OUTPUT - sink.size()));
                    }
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
        s = s.replace("\r", "").replace("\n", "\\n");
        return s.length() <= 200 ? s : s.substring(s.length() - 200);
    }
}
