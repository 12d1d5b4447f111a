package io.llexthil.junit;

import io.llexthil.shell.inventory.BoardBusyException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A test class leasing one board of a pool ({@link HilBoard#pool}): the first board of the list
 * that is free (opening it does not fail with {@link BoardBusyException}) is the class's board;
 * when every board is held by another class or JVM, the lease tries them all again every
 * {@link #POLL} until {@code wait} is over, then fails naming every holder.
 */
final class PoolLease {
    static final Duration POLL = Duration.ofMillis(500);

    private PoolLease() { }

    /** Every board of a pool stayed busy for the whole wait. */
    static final class PoolBusyException extends BoardBusyException {
        PoolBusyException(List<String> pool, List<String> held, Duration wait) {
            super(String.join(",", pool), String.join("; ", held), "every board of the pool " + pool + " is busy after waiting "
                    + wait.toSeconds() + " s: " + String.join("; ", held)
                    + " (raise poolWaitSeconds, or add boards to the pool)", null);
        }
    }

    static <B> B first(List<String> pool, Function<String, B> open, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<String> held = new ArrayList<>();
            for (String name : pool) {
                try {
                    return open.apply(name);
                } catch (BoardBusyException busy) {
                    held.add(busy.getMessage());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PoolBusyException(pool, held, wait);
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), left / 1_000_000 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a free board of " + pool, e);
            }
        }
    }
}
