package io.llexthil.campaign.pool;

/**
 * One board of a pool, not yet connected. The scheduler opens it on its own worker thread, so a
 * board that never becomes ready delays nobody else.
 *
 * @param <W> what a connected board gives a case to run on (the CLI: a scenario runner)
 */
public interface BoardSlot<W> {
    /** The board's name in reports ({@code sim-2}, {@code nrf52-lab3}). */
    String name();

    /** Connects and waits until the board is ready; throws (with a one-line message) when it cannot. */
    W open();

    /** Throws when the board has died since its last case (checked before each case). */
    void check(W board);

    /** Disconnects; also called from another thread to abort a case when the run's time is up. */
    void close(W board);
}
