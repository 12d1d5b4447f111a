package io.llexthil.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;

/**
 * A pipe-like fake link for unit tests: what the session writes is recorded (and optionally
 * answered by a responder), what the test {@link #deliver}s reaches the session on one delivery
 * thread, in order, like a real link's reader thread.
 */
final class InMemoryLink implements Link {
    private final LinkUrl url = new LinkUrl("mem", "test", Map.of(), "mem://test");
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mem-link-delivery");
        t.setDaemon(true);
        return t;
    });
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final boolean controlLines;
    final List<String> controlEvents = new CopyOnWriteArrayList<>();
    private volatile LinkListener listener;
    private volatile boolean open;
    private volatile BiConsumer<InMemoryLink, String> responder = (l, s) -> { };
    private volatile RuntimeException writeFailure;

    InMemoryLink(boolean controlLines) { this.controlLines = controlLines; }

    InMemoryLink() { this(false); }

    /** Called with each write (as text) on the delivery thread; may {@link #deliver} an answer. */
    InMemoryLink responder(BiConsumer<InMemoryLink, String> r) { responder = r; return this; }

    void failWritesWith(RuntimeException e) { writeFailure = e; }

    void deliver(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        delivery.execute(() -> { if (open) listener.onBytes(bytes); });
    }

    void disconnect(String reason) {
        delivery.execute(() -> {
            if (!open) return;
            open = false;
            listener.onDisconnected(reason);
        });
    }

    String written() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Override public LinkUrl url() { return url; }

    @Override
    public void open(LinkListener listener, Duration timeout) {
        this.listener = listener;
        open = true;
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        if (!open) throw new LinkException(url.text(), "write", "not open");
        if (writeFailure != null) throw writeFailure;
        synchronized (written) {
            written.writeBytes(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        delivery.execute(() -> responder.accept(this, text));
    }

    @Override public boolean isOpen() { return open; }

    @Override
    public LinkCapabilities capabilities() { return new LinkCapabilities(controlLines, false, "in-memory"); }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        if (!controlLines) throw new UnsupportedControlException(url.text(), line + " on an in-memory link");
        controlEvents.add(System.nanoTime() / 1_000_000 + " " + line + "=" + (asserted ? "on" : "off"));
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw new UnsupportedControlException(url.text(), "baud rate");
    }

    @Override
    public void close() {
        open = false;
        delivery.shutdownNow();
        try {
            delivery.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
