package io.llexthil.cli;

import io.llexthil.board.BoardClient;
import io.llexthil.shell.inventory.BoardBusyException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Opening a board that someone else holds ({@code --wait}): try again every second until it is
 * free or the wait is over; then the last busy error, with how long was waited.
 */
final class BusyWait {
    private static final Duration POLL = Duration.ofSeconds(1);

    private BusyWait() { }

    static BoardClient open(Supplier<BoardClient> open, Duration wait, String board) {
        long deadline = System.nanoTime() + (wait == null ? 0 : wait.toNanos());
        while (true) {
            try {
                return open.get();
            } catch (BoardBusyException e) {
                long left = deadline - System.nanoTime();
                if (wait == null || wait.isZero()) {
                    throw e;
                }
                if (left <= 0) {
                    throw new ConfigException(board + ": still busy after waiting " + wait.toSeconds() + " s: " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(Math.min(POLL.toMillis(), left / 1_000_000 + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
