package io.llexthil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pexpect.fdpexpect on a socket to a sim (Debian's python3-pexpect), driven a batch at a time so
 * it alternates with the other contenders. Absent when python3 or pexpect is not installed.
 */
final class PexpectBaseline implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private PexpectBaseline(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Why the baseline cannot run here, or null when it can. */
    static String unavailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import pexpect.fdpexpect").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "python3 did not answer";
            }
            return p.exitValue() == 0 ? null : "python3-pexpect is not installed (Debian: apt-get install python3-pexpect)";
        } catch (IOException e) {
            return "python3 is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static PexpectBaseline start(int port, Path dir) throws IOException {
        Path script = dir.resolve("pexpect_baseline.py");
        try (InputStream s = PexpectBaseline.class.getResourceAsStream("pexpect_baseline.py")) {
            Files.copy(s, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PexpectBaseline b = new PexpectBaseline(p);
        String first = b.out.readLine();
        if (!"ready".equals(first)) {
            b.close();
            throw new IOException("the pexpect baseline did not start (said " + first + ")");
        }
        return b;
    }

    /** Runs {@code command} {@code n} times; the round trips in nanoseconds. */
    List<Long> batch(int n, String command) throws IOException {
        in.println(n + " " + command);
        String line = out.readLine();
        if (line == null) throw new IOException("the pexpect baseline exited");
        List<Long> times = new ArrayList<>();
        for (String t : line.trim().split(" ")) times.add(Long.parseLong(t));
        return times;
    }

    @Override
    public void close() {
        in.close();
        process.destroyForcibly();
    }
}
