package io.llexthil.board;

import io.llexthil.link.Link;
import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.testkit.Noise;
import io.llexthil.testkit.NoisyTcpProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real simulated board behind a {@link NoisyTcpProxy}: the sim runs on TCP and is started
 * again on the same flash file whenever it exits (a reset), while the host's connection to the
 * proxy stays open, as a board behind ser2net stays reachable across resets.
 */
final class NoisySim implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING tcp 127\\.0\\.0\\.1:(\\d+)");

    private final List<String> command;
    private final NoisyTcpProxy proxy;
    private final DefaultShellSession session;
    private final HilBoardClient client;
    private Process sim;

    NoisySim(Path dir, Noise toBoard, Noise toHost, long seed, int baud, Duration commandTimeout) throws IOException {
        command = new ArrayList<>(List.of(SimBoards.repo().resolve("firmware/build/sim/llext-hil-sim").toString(),
                "--flash", dir.resolve("board.flash").toString(), "--tcp", "0"));
        if (baud > 0) {
            command.addAll(List.of("--baud", String.valueOf(baud)));
        }
        proxy = NoisyTcpProxy.start(this::startSim, toBoard, toHost, seed);
        BoardProfile profile = BoardProfile.builder("noisy-sim")
                .id("noisy-sim-" + UUID.randomUUID())
                .link(proxy.url())
                .lineEnding("\r")
                .txChunk(256)
                .txDelay(Duration.ZERO)
                .readyTimeout(Duration.ofSeconds(10))
                .commandTimeout(commandTimeout)
                .quietPeriod(Duration.ofMillis(50))
                .probeInterval(Duration.ofMillis(300))
                .build();
        Link link = Links.create(proxy.url());
        session = DefaultShellSession.open(link, profile, dir);
        StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
        lifecycle.attach(profile.readyTimeout());
        client = new HilBoardClient(session, AccessMode.READ_WRITE, lifecycle, commandTimeout, baud);
    }

    HilBoardClient client() { return client; }

    NoisyTcpProxy proxy() { return proxy; }

    /** Starts the sim (after the previous one exited) and connects to it. */
    private synchronized Socket startSim() throws IOException {
        if (sim != null) {
            try {
                if (!sim.waitFor(5, TimeUnit.SECONDS)) {
                    sim.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the simulated board restarted", e);
            }
        }
        sim = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(sim.getErrorStream(), StandardCharsets.UTF_8));
        String line = err.readLine();
        Matcher m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.find()) {
            throw new IOException("the simulated board did not listen: " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException gone) {
                // the process exited
            }
        }, "noisy-sim-stderr");
        drain.setDaemon(true);
        drain.start();
        return new Socket("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    @Override
    public synchronized void close() {
        try {
            session.close();
        } finally {
            proxy.close();
            if (sim != null) {
                sim.destroyForcibly();
            }
        }
    }
}
