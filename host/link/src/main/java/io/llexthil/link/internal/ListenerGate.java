package io.llexthil.link.internal;

import io.llexthil.link.LinkListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the {@link LinkListener} rules for every medium: {@code onDisconnected} at most once, no
 * bytes after it, nothing at all after the user closed the link, and a listener that throws does
 * not kill the medium's reader thread.
 */
public final class ListenerGate {
    private static final Logger log = LoggerFactory.getLogger(ListenerGate.class);

    private final String link;
    private final LinkListener listener;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CountDownLatch disconnected = new CountDownLatch(1);

    public ListenerGate(String link, LinkListener listener) {
        this.link = link;
        this.listener = listener;
    }

    public void bytes(byte[] bytes) {
        if (done.get() || bytes.length == 0) {
            return;
        }
        try {
            listener.onBytes(bytes);
        } catch (RuntimeException e) {
            log.warn("{}: listener threw on {} bytes; bytes dropped", link, bytes.length, e);
        }
    }

    /** Reports the peer gone; returns false if it was already reported or the link was closed. */
    public boolean disconnected(String reason) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        disconnected.countDown();
        log.info("{}: disconnected: {}", link, reason);
        try {
            listener.onDisconnected(reason);
        } catch (RuntimeException e) {
            log.warn("{}: listener threw in onDisconnected", link, e);
        }
        return true;
    }

    /** The user closed the link: from now on the listener hears nothing. */
    public void silence() {
        done.set(true);
        disconnected.countDown();
    }

    public boolean isDone() {
        return done.get();
    }

    /** Waits until the peer's disconnect was reported or the gate was silenced. */
    public boolean awaitDone(long millis) {
        try {
            return disconnected.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
