package io.llexthil.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test listener: collects every byte and every disconnect, and the threads that delivered them. */
public final class RecordingListener implements LinkListener {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onBytes(byte[] data) {
        bytes.writeBytes(data);
        String name = Thread.currentThread().getName();
        if (!threads.contains(name)) {
            threads.add(name);
        }
    }

    @Override
    public void onDisconnected(String reason) {
        disconnects.add(reason);
    }

    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    public synchronized int size() {
        return bytes.size();
    }

    public List<String> disconnects() {
        return List.copyOf(disconnects);
    }

    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Every byte value 0..255, twice, so 0x00 and 0xFF (and IAC IAC) are all exercised. */
    public static byte[] allByteValues() {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }
}
