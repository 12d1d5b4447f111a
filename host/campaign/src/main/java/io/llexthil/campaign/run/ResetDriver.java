package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.campaign.scenario.ResetSpec;

import java.time.Duration;
import java.util.Optional;

/**
 * Resets a board the way a step asks. {@link StandardResetDriver} hands each step to the board's
 * lifecycle; tests may record the calls instead.
 */
public interface ResetDriver {

    /** Resets and waits until the board is ready in a new boot; fails with a typed exception. */
    void reset(BoardClient board, ResetSpec spec, Duration timeout);

    /**
     * Why this board cannot do {@code spec} at all, known before any step runs (a case that needs
     * it is skipped with this reason), or empty when it can or cannot tell.
     */
    default Optional<String> unavailable(BoardClient board, ResetSpec spec) {
        return Optional.empty();
    }

    /** Brings a board back after a crash or a power cut (it may be halted or already rebooting). */
    void recover(BoardClient board, Duration timeout);
}
