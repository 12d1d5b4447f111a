package io.llexthil.campaign.pool;

import io.llexthil.campaign.run.CaseResult;

/**
 * One test case the scheduler can place on any board of the pool. {@link #run} returns the case's
 * verdict; it throws only when the board itself failed outside what the case judges (the link
 * died, the board stopped answering): the scheduler then drops the board and moves the case.
 */
public interface PoolCase<W> {
    String name();

    /** The case's group in reports ({@code scenario}, {@code fuzz}). */
    String group();

    CaseResult run(W board);

    /**
     * In a sequence ({@link PoolScheduler#runSequence}): whether this verdict makes this case the
     * last one (a sweep point that no longer reaches its fault). Other runs never ask.
     */
    default boolean isLast(CaseResult verdict) {
        return false;
    }
}
