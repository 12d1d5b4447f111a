package io.llexthil.campaign.pool;

import io.llexthil.campaign.run.CaseResult;

import java.util.List;

/**
 * What a pooled run produced.
 *
 * @param results     the finished cases, in the order they were given (not the order they ran)
 * @param dropped     boards taken out of the pool, and why
 * @param notRun      cases that never finished because the run stopped
 * @param stopReason  why the run stopped early, or null when every case ran
 * @param firstReady  the first board that became ready, or null when none did
 * @param discarded   a sequence's cases that ran past its last case on other boards and were ignored
 */
public record PoolOutcome(List<CaseResult> results, List<DroppedBoard> dropped, List<String> notRun,
                          String stopReason, String firstReady, List<String> discarded) {

    /** A board taken out of the pool. */
    public record DroppedBoard(String board, String reason) {
        @Override
        public String toString() {
            return board + ": " + reason;
        }
    }
}
