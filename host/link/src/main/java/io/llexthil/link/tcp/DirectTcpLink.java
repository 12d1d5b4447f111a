package io.llexthil.link.tcp;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.internal.DaemonThreads;
import io.llexthil.link.internal.LinkState;
import io.llexthil.link.internal.ListenerGate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A loopback TCP byte stream without thread hand-offs on the command path: the caller writes
 * straight into the socket, and a caller waiting for an answer reads it itself ({@link #pump}),
 * woken by the kernel as a plain blocking socket would be. A daemon reader thread delivers
 * whatever arrives while nobody pumps (log lines, a reboot's banner, the peer closing).
 *
 * <p>One read lock serialises reading and delivery, so bytes reach the listener in order and
 * never concurrently, whichever thread reads. Used for the simulated board, whose process this
 * host starts (docs/performance.md, "The command path").
 */
public final class DirectTcpLink implements Link {
    private static final int READ_BUFFER = 64 * 1024;
    private static final long IDLE_SELECT_MILLIS = 250;
    /**
     * While a caller has pumped this recently it is in a conversation (the prompt after a result
     * line, the next command's echo): the reader thread leaves the bytes to it rather than take
     * the read lock and make it wait for a thread switch. Bytes nobody pumps for are delivered
     * this much later at most.
     */
    private static final long CALLER_GRACE_NANOS = 2_000_000L;

    private final LinkUrl url;
    private final String host;
    private final int port;
    private final LinkState state;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Object writeLock = new Object();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private volatile SocketChannel channel;
    private volatile Selector readerSelector;
    private volatile Selector pumpSelector;
    private volatile Selector writeSelector;
    private volatile Thread reader;
    private volatile long lastPumpNanos = System.nanoTime() - CALLER_GRACE_NANOS;

    /** {@code tcp://host:port} (the target form of a {@code tcp:} URL). */
    public DirectTcpLink(LinkUrl url) {
        this.url = url;
        int colon = url.target().lastIndexOf(':');
        this.host = url.target().substring(0, colon);
        this.port = Integer.parseInt(url.target().substring(colon + 1));
        this.state = new LinkState(url.text());
    }

    @Override
    public LinkUrl url() { return url; }

    @Override
    public void open(LinkListener listener, Duration timeout) {
        if (state.gate() != null) throw new LinkException(url.text(), "open", "already opened");
        ListenerGate gate = state.attach(listener);
        try {
            SocketChannel ch = SocketChannel.open();
            channel = ch;
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Selector connect = Selector.open();
            try {
                ch.register(connect, SelectionKey.OP_CONNECT);
                if (!ch.connect(new InetSocketAddress(host, port))) {
                    if (connect.select(Math.max(1, timeout.toMillis())) == 0) {
                        throw new LinkException(url.text(), "connect", "timed out after " + timeout.toMillis() + " ms");
                    }
                    ch.finishConnect();
                }
            } finally {
                connect.close();
            }
            readerSelector = Selector.open();
            pumpSelector = Selector.open();
            writeSelector = Selector.open();
            ch.register(readerSelector, SelectionKey.OP_READ);
            ch.register(pumpSelector, SelectionKey.OP_READ);
            ch.register(writeSelector, 0);
        } catch (IOException e) {
            close();
            throw new LinkException(url.text(), "connect", String.valueOf(e.getMessage()), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        reader = DaemonThreads.start("llext-hil-tcp-" + url.target() + "-reader", () -> readLoop(gate));
    }

    /** Delivers what arrives while nobody pumps; ends at EOF, an error or close. */
    private void readLoop(ListenerGate gate) {
        try {
            while (!state.isClosed() && !gate.isDone()) {
                if (readerSelector.select(IDLE_SELECT_MILLIS) == 0) continue;
                readerSelector.selectedKeys().clear();
                long since = System.nanoTime() - lastPumpNanos;
                if (since < CALLER_GRACE_NANOS) {
                    LockSupport.parkNanos(CALLER_GRACE_NANOS - since);
                    continue; // a caller that pumped meanwhile took the bytes; else they are still there
                }
                readLock.lock(); // a pumping caller may be reading these very bytes: wait for it
                try {
                    drain(gate);
                } finally {
                    readLock.unlock();
                }
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!state.isClosed()) gate.disconnected("connection to " + host + ":" + port + " failed: " + e.getMessage());
        }
    }

    @Override
    public boolean pump(long maxNanos, BooleanSupplier caughtUp) {
        ListenerGate gate = state.gate();
        if (gate == null || state.isClosed() || gate.isDone()) return false;
        lastPumpNanos = System.nanoTime();
        try {
            if (!readLock.tryLock(maxNanos, TimeUnit.NANOSECONDS)) return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        try {
            // with the lock held no delivery is in flight: what the reader thread delivered is visible
            if (caughtUp.getAsBoolean() || drain(gate) > 0) return true;
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxNanos));
            if (pumpSelector.select(millis) > 0) {
                pumpSelector.selectedKeys().clear();
                drain(gate);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!state.isClosed()) gate.disconnected("connection to " + host + ":" + port + " failed: " + e.getMessage());
        } finally {
            lastPumpNanos = System.nanoTime();
            readLock.unlock();
        }
        return true;
    }

    /** Reads all that is there and delivers it (read lock held); the count of bytes read. */
    private int drain(ListenerGate gate) throws IOException {
        int total = 0;
        while (true) {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                gate.disconnected("peer closed the connection to " + host + ":" + port);
                return total;
            }
            if (n == 0) return total;
            readBuffer.flip();
            byte[] bytes = new byte[n];
            readBuffer.get(bytes);
            total += n;
            gate.bytes(bytes);
        }
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        SocketChannel ch = state.require(channel, "write", "connection to " + host + ":" + port + " is closed");
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        synchronized (writeLock) {
            try {
                while (buf.hasRemaining()) {
                    if (ch.write(buf) > 0) continue;
                    // the socket's send buffer is full: the peer is not reading; wait for room
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new LinkException(url.text(), "write", "timed out after " + timeout.toMillis()
                                + " ms writing " + bytes.length + " bytes (the peer is not reading)");
                    }
                    SelectionKey key = ch.keyFor(writeSelector);
                    key.interestOps(SelectionKey.OP_WRITE);
                    writeSelector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    writeSelector.selectedKeys().clear();
                    key.interestOps(0);
                }
            } catch (IOException e) {
                throw new LinkException(url.text(), "write", "writing " + bytes.length + " bytes failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean isOpen() {
        SocketChannel ch = channel;
        return ch != null && ch.isConnected() && state.isLive();
    }

    @Override
    public LinkCapabilities capabilities() {
        return RawTcpMedium.CAPABILITIES;
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        throw RawTcpMedium.noControlLine(url.text(), line);
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw RawTcpMedium.noBaudRate(url.text());
    }

    @Override
    public void close() {
        if (!state.close()) return;
        for (Selector s : Arrays.asList(readerSelector, pumpSelector, writeSelector)) {
            if (s != null) s.wakeup();
        }
        closeQuietly(channel);
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(IDLE_SELECT_MILLIS * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Selector s : Arrays.asList(readerSelector, pumpSelector, writeSelector)) closeQuietly(s);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort; the channel is gone either way
        }
    }

    @Override
    public String toString() { return url.text(); }
}
