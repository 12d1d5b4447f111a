package io.llexthil.link.internal;

import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of a link's life every medium tracks the same way: whether its user closed it, and,
 * once opened, the {@link ListenerGate} that delivers to the listener. Closing is separate from the
 * gate because a link can be closed before (or while) it is opened, when there is no gate yet.
 */
public final class LinkState {
    private final String link;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ListenerGate gate;

    /** @param link the link's name for messages (its URL text) */
    public LinkState(String link) {
        this.link = link;
    }

    /** Starts delivering to {@code listener}; a link calls this once, at the start of open. */
    public ListenerGate attach(LinkListener listener) {
        ListenerGate g = new ListenerGate(link, listener);
        gate = g;
        return g;
    }

    /** The gate of the last {@link #attach}, or null before open. */
    public ListenerGate gate() {
        return gate;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Opened, not closed, and the peer not (yet) reported gone. */
    public boolean isLive() {
        ListenerGate g = gate;
        return g != null && !closed.get() && !g.isDone();
    }

    /**
     * Marks the link closed and silences its listener. True on the first call only, so the caller
     * releases the medium exactly once however often close() is called.
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        ListenerGate g = gate;
        if (g != null) {
            g.silence();
        }
        return true;
    }

    /**
     * Returns {@code medium} for a {@code step} that needs the link usable: fails with "link is not
     * open" before open (medium still null) or after close, and with {@code goneDetail} once the
     * peer is gone.
     */
    public <T> T require(T medium, String step, String goneDetail) {
        if (medium == null || closed.get()) {
            throw new LinkException(link, step, "link is not open");
        }
        if (gate.isDone()) {
            throw new LinkException(link, step, goneDetail);
        }
        return medium;
    }
}
