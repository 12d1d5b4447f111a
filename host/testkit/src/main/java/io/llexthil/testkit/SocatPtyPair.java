package io.llexthil.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two linked pseudo-terminals made by {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}: what is
 * written to one comes out of the other, like the two ends of a null-modem cable. Closing kills
 * socat, which is also how a test simulates the far end being unplugged ({@link #kill}).
 *
 * <pre>{@code
 * try (SocatPtyPair pair = SocatPtyPair.start(Duration.ofSeconds(5))) {
 *     open(pair.first()); ... pair.second() ...
 * }
 * }</pre>
 */
public final class SocatPtyPair implements AutoCloseable {
    private static final Pattern PTY_LINE = Pattern.compile(".*PTY is (/dev/\\S+)\\s*");

    private final Process socat;
    private final String first;
    private final String second;
    private final List<String> stderr;

    private SocatPtyPair(Process socat, String first, String second, List<String> stderr) {
        this.socat = socat;
        this.first = first;
        this.second = second;
        this.stderr = stderr;
    }

    /** Starts socat and waits (at most {@code timeout}) until it has printed both pty paths. */
    public static SocatPtyPair start(Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start socat (is it installed? apt-get install socat): " + e.getMessage(), e);
        }
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<List<String>> paths = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(process, lines, paths), "socat-stderr-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            List<String> found = paths.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new SocatPtyPair(process, found.get(0), found.get(1), lines);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("socat printed no two 'PTY is' lines within " + timeout.toMillis()
                    + " ms; stderr: " + lines);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for socat", e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("socat failed: " + e.getCause().getMessage() + "; stderr: " + lines, e.getCause());
        }
    }

    private static void readStderr(Process process, List<String> lines, CompletableFuture<List<String>> paths) {
        List<String> found = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                Matcher m = PTY_LINE.matcher(line);
                if (m.matches() && found.size() < 2) {
                    found.add(m.group(1));
                    if (found.size() == 2) {
                        paths.complete(List.copyOf(found));
                    }
                }
            }
        } catch (IOException e) {
            // socat was killed; fall through
        }
        paths.completeExceptionally(new IllegalStateException("socat exited before printing two pty paths"));
    }

    /** The first pty's path, e.g. {@code /dev/pts/5}. */
    public String first() { return first; }

    /** The second pty's path. */
    public String second() { return second; }

    /** socat's stderr so far (for failure messages). */
    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    public long pid() { return socat.pid(); }

    public boolean isAlive() { return socat.isAlive(); }

    /** SIGKILL socat and wait for it: both ptys vanish, as when a cable is pulled. */
    public void kill() {
        socat.destroyForcibly();
        try {
            socat.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "socat pty pair " + first + " <-> " + second + " (pid " + socat.pid() + ")";
    }
}
