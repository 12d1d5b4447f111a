package io.llexthil.link;

import java.time.Duration;

/**
 * How fast a command may be typed into a board's shell: at most {@code chunk} bytes per write,
 * {@code delay} between writes. A Zephyr UART shell drops what its RX ring cannot hold, so a
 * long line pasted at full speed loses characters; a medium with flow control loses none.
 */
public record Pacing(int chunk, Duration delay) {

    /** Where nothing better is known: a Zephyr UART shell behind a 115200 baud serial port. */
    public static final Pacing GENERIC_SERIAL = new Pacing(16, Duration.ofMillis(5));

    /** A medium that never drops input (it holds the sender back): one write per line. */
    public static final Pacing UNPACED = new Pacing(Integer.MAX_VALUE, Duration.ZERO);

    public Pacing {
        if (chunk < 1) throw new IllegalArgumentException("pacing chunk must be >= 1, got " + chunk);
        if (delay.isNegative()) throw new IllegalArgumentException("pacing delay must not be negative, got " + delay);
    }
}
