package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.campaign.scenario.ResetSpec;

import java.time.Duration;

/**
 * Resets a board the way a step asks. The board layer knows the board's link (control lines,
 * QMP, the simulated board's process); {@link StandardResetDriver} covers what the shell and the
 * host can do alone.
 */
public interface ResetDriver {

    /** Resets and waits until the board is ready in a new boot; fails with a typed exception. */
    void reset(BoardClient board, ResetSpec spec, Duration timeout);

    /** Brings a board back after a crash or a power cut (it may be halted or already rebooting). */
    void recover(BoardClient board, Duration timeout);

    /** A reset kind this board cannot do. */
    final class UnsupportedResetException extends RuntimeException {
        public UnsupportedResetException(String board, ResetSpec spec, String how) {
            super(board + ": cannot reset by '" + spec.kind().key() + "': " + how);
        }
    }
}
