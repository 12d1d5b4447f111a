package io.llexthil.testkit;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Talks through one end of a pty pair (e.g. {@code SocatPtyPair}) with plain file streams. The
 * reader polls {@code available()} instead of blocking in {@code read}, because a thread blocked
 * in a tty read cannot be woken by closing the stream.
 */
final class PtyFakeTransport implements FakeTransport {
    private final Path device;
    private final Runnable hangUpAction;
    private final FileInputStream in;
    private final FileOutputStream out;
    private volatile boolean closed;

    PtyFakeTransport(Path device, Runnable hangUpAction) {
        this.device = device;
        this.hangUpAction = hangUpAction;
        try {
            in = new FileInputStream(device.toFile());
            out = new FileOutputStream(device.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("fake shell: cannot open " + device, e);
        }
    }

    @Override
    public void start(ChunkSink sink) {
        Thread reader = new Thread(() -> readLoop(sink), "fake-zephyr-pty-" + device.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(ChunkSink sink) {
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                int available = in.available();
                if (available <= 0) {
                    Thread.sleep(1);
                    continue;
                }
                int n = in.read(buf, 0, Math.min(buf.length, available));
                if (n > 0) sink.onChunk(Arrays.copyOf(buf, n));
            }
        } catch (IOException | InterruptedException e) {
            // the pty went away (hang-up) or we are closing
        }
    }

    @Override
    public synchronized void write(byte[] bytes) {
        if (closed) return;
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the other end is gone; a board keeps talking into the void
        }
    }

    @Override
    public void hangUp() {
        if (hangUpAction != null) hangUpAction.run();
        close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
