package io.llexthil.link;

import java.time.Duration;

/**
 * Bytes in and out of one board console, whatever carries them (serial, pty, TCP, RFC 2217, QEMU).
 *
 * <p>A link knows nothing of shells. Received bytes are pushed to the {@link LinkListener} given to
 * {@link #open}, on a thread owned by the link, in arrival order and never concurrently. After
 * {@link LinkListener#onDisconnected} no more bytes are delivered.
 */
public interface Link extends AutoCloseable {

    /** The URL this link was built from, as the user wrote it (for messages and reports). */
    LinkUrl url();

    /** Opens the medium; fails with {@link LinkException} within {@code timeout}. */
    void open(LinkListener listener, Duration timeout);

    /** Writes all bytes or fails with {@link LinkException} within {@code timeout}. */
    void write(byte[] bytes, Duration timeout);

    /** True between a successful {@link #open} and a disconnect or {@link #close}. */
    boolean isOpen();

    /** What this medium can do beyond bytes: control lines, baud rate changes. */
    LinkCapabilities capabilities();

    /**
     * Sets the DTR or RTS line. Throws {@link UnsupportedControlException} where the medium has no
     * such line (a pty, plain TCP): never pretends to succeed.
     */
    void setControlLine(ControlLine line, boolean asserted, Duration timeout);

    /** Changes the line rate where the medium supports it (serial, RFC 2217). */
    void setBaudRate(int baud, Duration timeout);

    /**
     * Resets the board through the medium itself where it has a way to (QEMU: QMP
     * {@code system_reset}; the simulated board: the process is killed and started again on the
     * same flash file, a power cycle). The link stays open: the next boot's bytes follow.
     */
    default void hardReset(Duration timeout) {
        throw new UnsupportedControlException(url().text(), "hard reset");
    }

    /**
     * Reads and delivers, on the calling thread, whatever arrives within {@code maxNanos}, so a
     * caller waiting for an answer is woken by the kernel directly instead of through a hand-off
     * from the link's thread. The listener rules stay: bytes in order, never concurrently.
     * {@code caughtUp} is asked once no delivery is in flight (by any thread): when it is true
     * (the caller has what it waited for) the call returns at once. Returns after the first
     * delivery, or after {@code maxNanos}; false when this link delivers only on its own thread
     * (the caller then waits for the listener).
     */
    default boolean pump(long maxNanos, java.util.function.BooleanSupplier caughtUp) {
        return false;
    }

    /** Idempotent; never blocks longer than a couple of seconds; releases threads and locks. */
    @Override
    void close();
}
