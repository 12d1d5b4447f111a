package io.llexthil.link.internal;

import java.time.Duration;

/** One timeout spread over several blocking steps: each step gets what the earlier ones left. */
public final class Deadlines {
    private Deadlines() {}

    /** Time left until {@code deadline} (a {@link System#nanoTime} value), never negative. */
    public static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
