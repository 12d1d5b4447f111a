package io.llexthil.link.qemu;

import io.llexthil.link.LinkListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps every byte a link delivered, and the disconnect reason, for assertions. */
final class RecordingListener implements LinkListener {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicInteger disconnects = new AtomicInteger();
    private volatile String disconnectReason;

    @Override
    public synchronized void onBytes(byte[] chunk) {
        bytes.writeBytes(chunk);
        notifyAll();
    }

    /**
     * Waits (woken on every chunk, no polling delay) until the text received after {@code from}
     * characters contains {@code needle}; returns false on timeout. For benchmarks.
     */
    synchronized boolean awaitText(int from, String needle, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bytes.toString(StandardCharsets.ISO_8859_1).indexOf(needle, from) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void onDisconnected(String reason) {
        disconnectReason = reason;
        disconnects.incrementAndGet();
    }

    /** Everything received so far, as text (the firmware speaks ASCII). */
    synchronized String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized int length() {
        return bytes.size();
    }

    /** Occurrences of {@code needle} in what was received. */
    int count(String needle) {
        String text = text();
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    String disconnectReason() { return disconnectReason; }

    int disconnects() { return disconnects.get(); }
}
