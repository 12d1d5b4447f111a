package io.llexthil.board;

import io.llexthil.shell.ShellSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What link recovery did on one board session: every retried or resolved request, in order.
 * Kept per session (not per client) so whatever wraps the client, the campaign reaches it
 * through {@link BoardClient#session()} and records a retried step as retried.
 */
public final class RetryLog {
    private static final Map<ShellSession, RetryLog> BY_SESSION = new WeakHashMap<>();
    private final List<String> entries = new ArrayList<>();

    /** The log of {@code session} (created on first use). */
    public static RetryLog of(ShellSession session) {
        synchronized (BY_SESSION) {
            return BY_SESSION.computeIfAbsent(session, s -> new RetryLog());
        }
    }

    /** Records one recovery (what was retried or resolved, and why). */
    public synchronized void add(String entry) { entries.add(entry); }

    /** Position marker for {@link #since}. */
    public synchronized int mark() { return entries.size(); }

    /** Entries recorded after {@code mark}. */
    public synchronized List<String> since(int mark) {
        return List.copyOf(entries.subList(Math.min(mark, entries.size()), entries.size()));
    }
}
