package io.llexthil.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP proxy in front of a board that records every byte the host sends to it. */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Thread acceptor;

    RecordingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "recording-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() { return server.getLocalPort(); }

    synchronized byte[] sent() { return sent.toByteArray(); }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket host = server.accept();
                Socket board = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(host.getInputStream(), board.getOutputStream(), true, host, board);
                pump(board.getInputStream(), host.getOutputStream(), false, host, board);
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void pump(InputStream in, OutputStream out, boolean record, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (record) {
                        synchronized (this) {
                            sent.write(buf, 0, n);
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // one side closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "recording-proxy-" + (record ? "tx" : "rx"));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
