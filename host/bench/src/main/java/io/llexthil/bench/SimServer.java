package io.llexthil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated board process of our own on a TCP port, for the contenders that do not go through
 * the host's sim link (raw socket, pexpect). It boots once a client connects (docs/sim.md).
 */
final class SimServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING tcp 127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final int port;

    private SimServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SimServer start(Path binary, Path dir) throws IOException {
        Path flash = Files.createTempFile(dir, "bench", ".flash");
        Files.delete(flash); // the sim creates (and formats) it
        Process p = new ProcessBuilder(List.of(binary.toString(), "--flash", flash.toString(), "--tcp", "0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String first = line.get(10, TimeUnit.SECONDS);
            Matcher m = first == null ? null : LISTENING.matcher(first);
            if (m == null || !m.find()) {
                p.destroyForcibly();
                throw new IOException(binary + ": expected 'LISTENING tcp 127.0.0.1:<port>' on stderr, got " + first);
            }
            return new SimServer(p, Integer.parseInt(m.group(1)));
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IOException(binary + ": no LISTENING line within 10 s", e);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new IOException(binary + ": " + e, e);
        }
    }

    int port() { return port; }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
