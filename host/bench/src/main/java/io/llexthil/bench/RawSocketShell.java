package io.llexthil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor of a command round trip: one thread, a blocking socket, write the command and read
 * until the prompt that follows its output. No decoding, no framing checks, no timeouts beyond
 * the socket's: what any client must at least spend.
 */
final class RawSocketShell implements AutoCloseable {
    private static final byte[] PROMPT = "uart:~$ ".getBytes(StandardCharsets.US_ASCII);
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];

    RawSocketShell(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        readToPrompt(); // the boot
    }

    /** One command, to its prompt; returns the nanoseconds it took. */
    long roundTrip(byte[] commandLine) throws IOException {
        long t0 = System.nanoTime();
        out.write(commandLine);
        out.flush();
        readToPrompt();
        return System.nanoTime() - t0;
    }

    private void readToPrompt() throws IOException {
        int len = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) throw new IOException("the sim closed the connection");
            len += n;
            if (endsWithPrompt(len)) return;
            if (len == buf.length) len = 0; // only the tail matters
        }
    }

    private boolean endsWithPrompt(int len) {
        if (len < PROMPT.length) return false;
        for (int i = 0; i < PROMPT.length; i++) {
            if (buf[len - PROMPT.length + i] != PROMPT[i]) return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
