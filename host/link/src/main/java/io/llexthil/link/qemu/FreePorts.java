package io.llexthil.link.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free loopback ports by binding port 0. All sockets are held open together so the ports
 * differ, then closed for QEMU to bind. Another process may take one in between: the launcher
 * catches QEMU's "Address already in use" and tries again with new ports.
 */
final class FreePorts {
    private FreePorts() {
    }

    static int[] pick(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing was accepted on it; the port is released either way
                }
            }
        }
    }
}
