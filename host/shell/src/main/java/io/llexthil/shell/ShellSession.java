package io.llexthil.shell;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * A Zephyr shell on one board, over one {@link io.llexthil.link.Link}. Knows nothing of LLEXT.
 *
 * <p>Every blocking method has a timeout and fails with a subclass of {@link ShellException} that
 * names the board, the step and the last bytes seen: {@link ShellTimeoutException} when nothing
 * matching arrived in time, {@link BoardCrashedException} when a fatal-error banner arrived first,
 * {@link ShellDisconnectedException} when the link went away.
 */
public interface ShellSession extends AutoCloseable {

    /** The board's name (inventory id), used in every message. */
    String boardName();

    /** Number of the current boot epoch; each banner (reset) starts a new one. */
    int epoch();

    /**
     * Waits for the board to be ready in the current or next boot: banner (when the board
     * profile requires one), then a prompt, then a quiet period.
     */
    BootEpoch awaitReady(Duration timeout);

    /**
     * Waits for a boot newer than {@code epochBefore} to be ready: its banner, then a prompt,
     * then a quiet period (after a reset). Fails with a {@link ReadyWaitException} that says what
     * was seen instead.
     */
    default BootEpoch awaitBoot(int epochBefore, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            BootEpoch ready = awaitReady(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (epoch() > epochBefore) {
                return ready;
            }
            if (System.nanoTime() >= deadline) {
                throw new ReadyWaitException(boardName(), "awaitReady: boot banner", "no new boot within "
                        + timeout.toMillis() + " ms", "", 0, 1, 0, false);
            }
            try {
                Thread.sleep(20); // a session that is ready at once would otherwise spin
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShellException(boardName(), "awaitReady", "interrupted", "", e);
            }
        }
    }

    /**
     * After a crash in the current boot, lets a board that reboots by itself on fatal errors
     * (CONFIG_RESET_ON_FATAL_ERROR) finish that boot, so that the boot a reset causes next is not
     * mistaken for it. Returns at once without a crash; after one, as soon as the board stays
     * silent for its quiet period (it halted) or its new boot is ready; never later than
     * {@code timeout}. Sessions that cannot tell (fakes) do nothing.
     */
    default void settleAfterCrash(Duration timeout) {
    }

    /**
     * Sends {@code command} (paced per the board profile), waits for its output up to the next
     * prompt, and returns output lines (echo, prompt and log lines removed), log lines, elapsed
     * time and, where the shell reports it, the return value.
     */
    CommandResult exec(String command, Duration timeout);

    /**
     * Like {@link #exec(String, Duration)}, but the command is also over at the first output line
     * that {@code lastLine} accepts, without waiting for a prompt. For commands after which a
     * Zephyr shell prints none: while a bypass callback is installed, {@code state_set()} in
     * {@code subsys/shell/shell.c} skips the prompt, and every byte after the command's line end
     * goes to the callback. A prompt that comes first still ends the command. Never runs
     * {@code retval} (it would be typed into the bypass callback).
     */
    CommandResult exec(String command, Predicate<String> lastLine, Duration timeout);

    /**
     * This boot's ready line (our firmware prints one per boot, docs/protocol.md section 3.1), or
     * null when none arrived in this boot (yet, or foreign firmware, or a session that cannot tell).
     */
    default ReadyAnnouncement readyAnnouncement() {
        return null;
    }

    /** Writes raw bytes (no pacing, no echo handling), e.g. upload frames in bypass mode. */
    void writeRaw(byte[] bytes, Duration timeout);

    /**
     * Returns the next command-output line (ANSI stripped, log lines excluded) of the current
     * epoch that matches, consuming earlier unmatched lines. Used for asynchronous replies such
     * as upload acknowledgements that arrive after the prompt.
     */
    String awaitLine(Predicate<String> match, Duration timeout);

    /** Drops pending unconsumed output lines (not the transcript). */
    void clearPending();

    /** The per-board transcript (raw and stripped, timestamped). */
    Transcript transcript();

    @Override
    void close();
}
