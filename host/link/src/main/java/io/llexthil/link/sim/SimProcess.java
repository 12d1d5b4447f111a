package io.llexthil.link.sim;

import io.llexthil.link.LinkException;
import io.llexthil.link.internal.DaemonThreads;
import io.llexthil.link.internal.ParentDeath;
import io.llexthil.link.internal.ProcessReaper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the simulated-board process: started, its stderr copied to the log file (and the
 * last lines kept for error messages), its LISTENING line picked out, and killed for sure.
 */
final class SimProcess {
    private static final int TAIL_LINES = 15;

    private final String link;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<ListeningLine> listening = new CompletableFuture<>();

    private SimProcess(String link, Process process) {
        this.link = link;
        this.process = process;
    }

    static SimProcess start(String link, SimSettings settings, int run) {
        List<String> command = settings.command();
        if (!Files.isExecutable(settings.binary())) {
            throw new LinkException(link, "start", "simulated board binary " + settings.binary() + " is missing or not "
                    + "executable (build it: cmake -S firmware -B firmware/build && cmake --build firmware/build; "
                    + "or set binary= / -Dllexthil.sim.binary)");
        }
        Path log = settings.logFile();
        try {
            Files.writeString(log, "--- llext-hil run " + run + " at " + Instant.now() + ": " + String.join(" ", command)
                    + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(ParentDeath.killedWithParent(command))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ProcessReaper.track(p);
            SimProcess sim = new SimProcess(link, p);
            DaemonThreads.start("llext-hil-sim-stderr-" + p.pid(), () -> sim.pumpStderr(log));
            return sim;
        } catch (IOException e) {
            throw new LinkException(link, "start", "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private void pumpStderr(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
             OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (!listening.isDone()) {
                    ListeningLine.parse(line).ifPresent(listening::complete);
                }
            }
        } catch (IOException e) {
            // the process died under us; its exit code tells the story
        } finally {
            process.onExit().thenRun(() -> listening.completeExceptionally(new LinkException(link, "start",
                    "process exited with code " + process.exitValue() + " before printing LISTENING; stderr: " + stderrTail())));
        }
    }

    /** Waits for the LISTENING line; kills the process and fails if it does not come in time. */
    ListeningLine awaitListening(Duration timeout) {
        try {
            return listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new LinkException(link, "start", "no LISTENING line on stderr within " + timeout.toMillis()
                    + " ms; stderr: " + stderrTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new LinkException(link, "start", "interrupted waiting for LISTENING");
        } catch (ExecutionException e) {
            kill();
            if (e.getCause() instanceof LinkException le) {
                throw le;
            }
            throw new LinkException(link, "start", String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** The sim boots on a pty only after a newline arrives on its stdin (no boot output is lost). */
    void releaseBoot() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new LinkException(link, "start", "cannot write the boot newline to the sim's stdin: " + e.getMessage(), e);
        }
    }

    /** SIGKILL: a power cut for the simulated board. */
    void kill() {
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The exit code, or -1 if it has not exited within {@code millis}. */
    int awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String stderrTail() {
        synchronized (tail) {
            return tail.isEmpty() ? "(empty)" : String.join(" | ", tail);
        }
    }
}
