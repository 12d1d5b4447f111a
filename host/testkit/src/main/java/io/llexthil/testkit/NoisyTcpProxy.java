package io.llexthil.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded fault-injecting TCP proxy between a host and a board (a test fixture): one client on
 * {@link #port()}, forwarded to an {@link Upstream}, with {@link Noise} injected per direction.
 * When the upstream goes away (a simulated board that exits to reset), the proxy connects to it
 * again and keeps the client's connection open, as ser2net keeps a board's port across resets.
 * The same seed gives the same faults for the same bytes.
 */
public final class NoisyTcpProxy implements AutoCloseable {

    /** Where the bytes go; {@link #connect()} is called again after each disconnect. */
    @FunctionalInterface
    public interface Upstream {
        Socket connect() throws IOException;
    }

    /** Faults injected so far in one direction. */
    public static final class Counters {
        public final AtomicLong bytes = new AtomicLong();
        public final AtomicLong dropped = new AtomicLong();
        public final AtomicLong duplicated = new AtomicLong();
        public final AtomicLong flipped = new AtomicLong();
        public final AtomicLong logs = new AtomicLong();
        final AtomicLong logsDue = new AtomicLong();

        @Override
        public String toString() {
            return bytes + " bytes, " + dropped + " dropped, " + duplicated + " duplicated, " + flipped
                    + " flipped, " + logs + " log lines";
        }
    }

    private final ServerSocket server;
    private final Upstream upstream;
    private final Noise toBoard;
    private final Noise toHost;
    private final Random toBoardRandom;
    private final Random toHostRandom;
    private final Counters toBoardCounters = new Counters();
    private final Counters toHostCounters = new Counters();
    private final Thread acceptor;
    private volatile Socket client;
    private volatile Socket board;
    private volatile boolean closed;

    private NoisyTcpProxy(Upstream upstream, Noise toBoard, Noise toHost, long seed) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.toBoard = toBoard;
        this.toHost = toHost;
        this.toBoardRandom = new Random(seed);
        this.toHostRandom = new Random(seed * 31 + 7);
        this.acceptor = new Thread(this::serve, "noisy-proxy-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Starts a proxy on a free loopback port; the upstream is connected when the client arrives. */
    public static NoisyTcpProxy start(Upstream upstream, Noise toBoard, Noise toHost, long seed) throws IOException {
        NoisyTcpProxy p = new NoisyTcpProxy(upstream, toBoard, toHost, seed);
        p.acceptor.start();
        return p;
    }

    public int port() { return server.getLocalPort(); }

    public String url() { return "tcp://127.0.0.1:" + port(); }

    public Counters toBoard() { return toBoardCounters; }

    public Counters toHost() { return toHostCounters; }

    private void serve() {
        try (Socket c = server.accept()) {
            client = c;
            c.setTcpNoDelay(true);
            Thread up = null;
            while (!closed) {
                Socket b = upstream.connect();
                b.setTcpNoDelay(true);
                board = b;
                if (up == null) {
                    // host -> board survives board restarts: it always writes to the current board
                    up = pump("to-board", c.getInputStream(), null, toBoard, toBoardRandom, toBoardCounters);
                }
                Thread down = pump("to-host", b.getInputStream(), c.getOutputStream(), toHost, toHostRandom, toHostCounters);
                down.join();
                b.close();
            }
        } catch (IOException | InterruptedException e) {
            if (!closed) {
                System.err.println("noisy proxy: " + e);
            }
        }
    }

    private Thread pump(String name, InputStream in, OutputStream fixedOut, Noise noise, Random random, Counters counters) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    byte[] out = inject(buf, n, noise, random, counters);
                    if (!noise.delay().isZero()) {
                        Thread.sleep(noise.delay().toMillis());
                    }
                    OutputStream target = fixedOut != null ? fixedOut : currentBoardOut();
                    if (target != null) {
                        try {
                            target.write(out);
                            target.flush();
                        } catch (IOException boardRestarting) {
                            // bytes typed while the board restarts are lost, as on a real line
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the side we read from went away
            }
        }, "noisy-proxy-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private OutputStream currentBoardOut() throws IOException {
        Socket b = board;
        return b == null || b.isClosed() ? null : b.getOutputStream();
    }

    /**
     * Applies the per-byte faults. A log line is due with probability {@code log} per byte and
     * goes out after the next line end, on a line of its own, as Zephyr's shell prints a log
     * message from another thread.
     */
    static byte[] inject(byte[] buf, int n, Noise noise, Random random, Counters counters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        synchronized (random) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                counters.bytes.incrementAndGet();
                if (noise.log() > 0 && random.nextDouble() < noise.log()) {
                    counters.logsDue.incrementAndGet();
                }
                if (b == '\n' && counters.logsDue.get() > 0) {
                    out.write(b);
                    while (counters.logsDue.get() > 0) {
                        counters.logsDue.decrementAndGet();
                        counters.logs.incrementAndGet();
                        out.writeBytes(logLine(random).getBytes(StandardCharsets.US_ASCII));
                    }
                    continue;
                }
                if (noise.drop() > 0 && random.nextDouble() < noise.drop()) {
                    counters.dropped.incrementAndGet();
                    continue;
                }
                if (noise.flip() > 0 && random.nextDouble() < noise.flip()) {
                    counters.flipped.incrementAndGet();
                    b ^= (byte) (1 << random.nextInt(8));
                }
                out.write(b);
                if (noise.duplicate() > 0 && random.nextDouble() < noise.duplicate()) {
                    counters.duplicated.incrementAndGet();
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    private static String logLine(Random random) {
        int ms = random.nextInt(3_600_000);
        return String.format("[%02d:%02d:%02d.%03d,000] <inf> noise: sensor tick %d\r\n",
                ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000, random.nextInt(1000));
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        closeQuietly(client);
        closeQuietly(board);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
