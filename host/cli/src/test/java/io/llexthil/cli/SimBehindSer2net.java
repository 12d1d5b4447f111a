package io.llexthil.cli;

import io.llexthil.board.Boards;
import io.llexthil.testkit.Ser2netServer;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A remote board as users reach one: the simulated board's console on a pty, served by a real
 * ser2net as RFC 2217 on a loopback port.
 */
final class SimBehindSer2net implements AutoCloseable {
    private final Process board;
    private final FileInputStream hold;
    private final Ser2netServer ser2net;

    private SimBehindSer2net(Process board, FileInputStream hold, Ser2netServer ser2net) {
        this.board = board;
        this.hold = hold;
        this.ser2net = ser2net;
    }

    static SimBehindSer2net start(Path dir) throws IOException, InterruptedException {
        Path sim = Boards.repoRoot().resolve("firmware/build/sim/llext-hil-sim");
        if (!Files.isExecutable(sim)) {
            throw new IllegalStateException(sim + " is missing: build the firmware first");
        }
        Process board = new ProcessBuilder(sim.toString(), "--flash", dir.resolve("board.flash").toString(), "--pty")
                .redirectOutput(dir.resolve("sim.out").toFile()).start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(board.getErrorStream(), StandardCharsets.UTF_8));
            String listening = stderr.readLine();
            if (listening == null || !listening.startsWith("LISTENING pty ")) {
                throw new IllegalStateException("the simulated board did not announce its pty: " + listening);
            }
            String pty = listening.substring("LISTENING pty ".length()).strip();
            // Hold the pty open while the board boots, so its banner and prompt wait in the tty
            // queue until ser2net opens the device for the first client.
            FileInputStream hold = new FileInputStream(pty);
            OutputStream stdin = board.getOutputStream();
            stdin.write('\n');
            stdin.flush();
            return new SimBehindSer2net(board, hold, Ser2netServer.serve(pty, dir, Duration.ofSeconds(10)));
        } catch (IOException | RuntimeException | InterruptedException e) {
            board.destroyForcibly();
            throw e;
        }
    }

    /** {@code rfc2217://127.0.0.1:PORT?baud=115200} */
    String url() {
        return "rfc2217://127.0.0.1:" + ser2net.port() + "?baud=115200";
    }

    int port() {
        return ser2net.port();
    }

    String ser2netLog() {
        return ser2net.log();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ser2net.close();
            hold.close();
        } finally {
            board.destroyForcibly();
            board.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
