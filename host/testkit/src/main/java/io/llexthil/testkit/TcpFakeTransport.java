package io.llexthil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * Serves the fake shell on a loopback port. One peer at a time; a new connection replaces the
 * old one, like a serial socket of QEMU with {@code server=on}.
 */
final class TcpFakeTransport implements FakeTransport {
    private final ServerSocket server;
    private final Object writeLock = new Object();
    private volatile Socket current;
    private volatile boolean closed;

    TcpFakeTransport() {
        try {
            server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("fake shell: cannot listen on loopback", e);
        }
    }

    int port() { return server.getLocalPort(); }

    boolean connected() {
        Socket s = current;
        return s != null && !s.isClosed();
    }

    @Override
    public void start(ChunkSink sink) {
        Thread acceptor = new Thread(() -> acceptLoop(sink), "fake-zephyr-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ChunkSink sink) {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Socket old = current;
                current = s;
                if (old != null) old.close();
                Thread reader = new Thread(() -> readLoop(s, sink), "fake-zephyr-read-" + port());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // server socket closed
            }
        }
    }

    private void readLoop(Socket s, ChunkSink sink) {
        byte[] buf = new byte[4096];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) sink.onChunk(Arrays.copyOf(buf, n));
        } catch (IOException e) {
            // peer closed or we hung up: the reader simply ends
        }
    }

    @Override
    public void write(byte[] bytes) {
        Socket s = current;
        if (s == null) return;
        synchronized (writeLock) {
            try {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // the host went away; a board keeps talking into the void
            }
        }
    }

    @Override
    public void hangUp() {
        Socket s = current;
        current = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        hangUp();
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
