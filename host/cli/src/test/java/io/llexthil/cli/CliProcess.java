package io.llexthil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real command line as its own process ({@code java -jar target/llext-hil.jar}, built by
 * {@code package} before the integration tests run), for what only a process shows: signals, exit
 * codes set by the JVM, child processes. Its stderr is collected line by line.
 */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final List<String> stderr = new ArrayList<>();

    private CliProcess(Process process, Path stdout) {
        this.process = process;
        this.stdout = stdout;
        Thread t = new Thread(this::collect, "cli-process-stderr");
        t.setDaemon(true);
        t.start();
    }

    static CliProcess start(Path workDir, String... args) throws IOException {
        Path jar = Path.of("target", "llext-hil.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package' (mvn verify)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dllexthil.repo=" + System.getProperty("llexthil.repo", "../.."), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = workDir.resolve("cli.stdout");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile()).start();
        return new CliProcess(p, out);
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.add(line);
                    stderr.notifyAll();
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
    }

    /** Waits until a stderr line matches, or fails naming what was seen. */
    String awaitStderr(Pattern line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stderr) {
            while (true) {
                for (String l : stderr) {
                    if (line.matcher(l).find()) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && stderrComplete()) {
                    throw new AssertionError("no stderr line matching " + line + " within " + timeout.toSeconds()
                            + " s; the process " + (process.isAlive() ? "runs" : "exited " + process.exitValue())
                            + "; stderr: " + String.join("\n", stderr));
                }
                stderr.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    private boolean stderrComplete() {
        return !process.isAlive();
    }

    /** Sends a signal by name (INT, TERM, KILL) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, waiting at most {@code timeout}. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within " + timeout.toSeconds() + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** The processes it started (and theirs), as they are now. */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    long pid() {
        return process.pid();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
