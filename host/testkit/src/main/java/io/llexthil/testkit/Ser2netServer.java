package io.llexthil.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real ser2net 4.x serving one serial device as RFC 2217 on 127.0.0.1, for tests. Always killed
 * on close; its output is kept in a log file for failure messages.
 */
public final class Ser2netServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Ser2netServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Ser2netServer serve(String device, Path dir, Duration timeout) throws IOException, InterruptedException {
        int port = freePort();
        Path config = dir.resolve("ser2net.yaml");
        Files.writeString(config, "connection: &con0\n"
                + "  accepter: telnet(rfc2217),tcp,127.0.0.1," + port + "\n"
                + "  connector: serialdev," + device + ",115200n81,local\n");
        Path log = dir.resolve("ser2net.log");
        // -n foreground, -d debug output to stdout, -u no UUCP lock files, -P a pid file we own
        Process p = new ProcessBuilder("ser2net", "-n", "-d", "-u", "-P", dir.resolve("ser2net.pid").toString(),
                "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Ser2netServer server = new Ser2netServer(p, port, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("ser2net exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            if (listening(port)) {
                return server;
            }
            Thread.sleep(50);
        }
        server.close();
        throw new IllegalStateException("ser2net did not listen on " + port + " within " + timeout.toMillis() + " ms: "
                + Files.readString(log));
    }

    private static boolean listening(int port) {
        // probe with a bare TCP connect; ser2net accepts and drops it, which is harmless here
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() { return port; }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** SIGKILL ser2net and wait for it: the remote end vanishes. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
