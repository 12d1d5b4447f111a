package io.llexthil.campaign.pool;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs cases on a pool of boards in parallel: one worker thread per board takes the next case from
 * a shared queue, so a fast board simply runs more cases. Each case runs wholly on one board.
 *
 * <p>A board that cannot be opened (its ready wait fails) or that fails between cases is dropped
 * with the reason. A board that fails <em>during</em> a case (the case throws instead of returning
 * a verdict) is dropped too, and the case runs once more on another board, marked
 * {@link PoolMarks#MOVED_FROM}. Results come back in the order the cases were given, so the
 * reports and verdicts of a pooled run read like those of a one-board run.
 *
 * <p>{@link #runSequences} runs ordered sequences, one after the other, each ending at a case
 * found while it runs (a sweep: the first point whose verdict {@link PoolCase#isLast says so}).
 * Cases are handed out in order; once a sequence's last case is known no later case of that
 * sequence is handed out (the next sequence's cases follow at once), and those that other boards
 * already ran or were running meanwhile (while the last case ran on a slower board) are
 * discarded: never reported, never counted. So a
 * sequence reports exactly the cases a one-board run would, each with its own verdict, and the
 * listener hears of them in order.
 */
public final class PoolScheduler<W> {
    private static final Duration STOP_GRACE = Duration.ofMinutes(2);

    private final List<BoardSlot<W>> slots;
    private final RunControl control;
    private final RunListener listener;

    // all below guarded by this
    private final Deque<Attempt<W>> queue = new ArrayDeque<>();
    private final List<PoolOutcome.DroppedBoard> dropped = new ArrayList<>();
    /** The case each board was dropped during (boards dropped between cases have none). */
    private final Map<PoolOutcome.DroppedBoard, Integer> droppedDuring = new IdentityHashMap<>();
    private final Map<BoardSlot<W>, W> inCase = new HashMap<>();
    private CaseResult[] results;
    private int finished;
    private boolean ordered;
    /** In sequences: one past the last index of each case's sequence. */
    private int[] sequenceEnd;
    /** In sequences: cases after their sequence's last case; they do not count. */
    private boolean[] cut;
    /** In a sequence: the cases below this index were passed to the listener (in order). */
    private int released;
    /** In a sequence: one past the highest index handed to a board. */
    private int dispatched;
    private int failures;
    private int startedCases;
    private int liveWorkers;
    private String stopReason;
    private boolean timedOut;
    private String firstReady;

    public PoolScheduler(List<BoardSlot<W>> slots, RunControl control, RunListener listener) {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one board");
        }
        this.slots = List.copyOf(slots);
        this.control = control;
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    /** One try of a case: which, how often it ran before, and what happened to it so far. */
    private record Attempt<W>(int index, PoolCase<W> work, int number, String movedFrom, List<String> earlierFailures) {
        Attempt<W> movedAway(String reason) {
            return new Attempt<>(index, work, number, reason, earlierFailures);
        }

        Attempt<W> retried(CaseResult failed) {
            List<String> f = new ArrayList<>(earlierFailures);
            f.add("attempt " + number + ": " + failed.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (failed.message().isEmpty() ? "" : " (" + failed.message() + ")"));
            return new Attempt<>(index, work, number + 1, movedFrom, f);
        }
    }

    /** Runs every case; returns when all finished, the run stopped, or no board is left. */
    public PoolOutcome run(List<? extends PoolCase<W>> cases) {
        return run(List.of(cases), false);
    }

    /**
     * Runs {@code cases} as an ordered sequence up to and including the first whose verdict
     * {@link PoolCase#isLast} (or all of them); see the class comment.
     */
    public PoolOutcome runSequence(List<? extends PoolCase<W>> cases) {
        return run(List.of(cases), true);
    }

    /** Runs several sequences in this order, each as {@link #runSequence} would; results are flat, in order. */
    public PoolOutcome runSequences(List<? extends List<? extends PoolCase<W>>> sequences) {
        return run(sequences, true);
    }

    private PoolOutcome run(List<? extends List<? extends PoolCase<W>>> sequences, boolean sequence) {
        List<PoolCase<W>> cases = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (List<? extends PoolCase<W>> seq : sequences) {
            cases.addAll(seq);
            seq.forEach(c -> ends.add(cases.size()));
        }
        List<Thread> workers = new ArrayList<>();
        synchronized (this) {
            ordered = sequence;
            sequenceEnd = ends.stream().mapToInt(Integer::intValue).toArray();
            cut = new boolean[cases.size()];
            results = new CaseResult[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                queue.addLast(new Attempt<>(i, cases.get(i), 1, null, List.of()));
            }
            liveWorkers = slots.size();
        }
        for (BoardSlot<W> slot : slots) {
            Thread t = new Thread(() -> work(slot), "pool-" + slot.name());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        // a run out of time aborts its running cases by closing their boards' links
        for (Map.Entry<BoardSlot<W>, W> e : awaitEnd()) {
            e.getKey().close(e.getValue());
        }
        List<String> stuck = new ArrayList<>();
        for (Thread t : workers) {
            try {
                t.join(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                stuck.add(t.getName().substring("pool-".length()));
            }
        }
        synchronized (this) {
            if (!stuck.isEmpty()) {
                stopReason = (stopReason == null ? "" : stopReason + "; ") + "boards still busy after "
                        + STOP_GRACE.toSeconds() + " s: " + String.join(", ", stuck);
            }
            List<CaseResult> done = new ArrayList<>();
            List<String> notRun = new ArrayList<>();
            List<String> discarded = new ArrayList<>();
            // a sequence stopped before its end lists as not run what was handed out, not every possible point
            int counted = ordered && stopReason != null ? dispatched : results.length;
            for (int i = 0; i < results.length; i++) {
                if (cut[i]) {
                    if (results[i] != null) {
                        discarded.add(cases.get(i).name());
                    }
                } else if (results[i] != null) {
                    done.add(results[i]);
                } else if (i < counted) {
                    notRun.add(cases.get(i).name());
                }
            }
            // a board that failed during a case past its sequence's end failed in what does not count:
            // the end's own cause usually (every board's setup failing alike), so it is listed with that case
            List<PoolOutcome.DroppedBoard> counts = new ArrayList<>();
            for (PoolOutcome.DroppedBoard d : dropped) {
                Integer at = droppedDuring.get(d);
                if (at != null && cut[at]) {
                    discarded.add(cases.get(at).name() + " (" + d + ")");
                } else {
                    counts.add(d);
                }
            }
            return new PoolOutcome(done, List.copyOf(counts), notRun, stopReason, firstReady, discarded);
        }
    }

    /** Whether every case that counts has finished (in a sequence: up to its end, once known). */
    private boolean complete() {
        return ordered ? released >= results.length : finished >= results.length;
    }

    private synchronized List<Map.Entry<BoardSlot<W>, W>> awaitEnd() {
        long deadline = control.timeout() == null ? 0 : System.nanoTime() + control.timeout().toNanos();
        try {
            while (!complete() && stopReason == null && liveWorkers > 0) {
                if (deadline == 0) {
                    wait();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stopReason = "--timeout " + human(control.timeout()) + " reached";
                    timedOut = true;
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        }
        if (!complete() && stopReason == null) {
            stopReason = "no board left in the pool";
        }
        notifyAll();
        return timedOut ? inCase.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList() : List.of();
    }

    private void work(BoardSlot<W> slot) {
        W board;
        try {
            board = slot.open();
        } catch (RuntimeException e) {
            drop(slot, "not ready: " + oneLine(e), null);
            workerEnded();
            return;
        }
        synchronized (this) {
            if (firstReady == null) {
                firstReady = slot.name();
            }
        }
        try {
            Attempt<W> a;
            while ((a = next()) != null) {
                try {
                    slot.check(board);
                } catch (RuntimeException e) {
                    requeueFront(a);
                    drop(slot, "failed between cases: " + oneLine(e), null);
                    return;
                }
                synchronized (this) {
                    inCase.put(slot, board);
                }
                CaseResult r;
                try {
                    r = a.work().run(board);
                } catch (RuntimeException e) {
                    String reason = "failed during case " + a.work().name() + ": " + oneLine(e);
                    drop(slot, reason, a.index());
                    boardFailedDuringCase(a, slot.name(), reason);
                    return;
                } finally {
                    synchronized (this) {
                        inCase.remove(slot);
                    }
                }
                finish(a, r, slot.name());
            }
        } finally {
            slot.close(board);
            workerEnded();
        }
    }

    private synchronized Attempt<W> next() {
        try {
            while (stopReason == null && !complete()) {
                Attempt<W> a = queue.pollFirst();
                if (a != null && cut[a.index()]) {
                    continue; // past its sequence's end: never handed out
                }
                if (a != null) {
                    if (a.number() == 1 && a.movedFrom() == null) {
                        listener.caseStarted(a.work().name(), startedCases++, ordered ? RunListener.UNKNOWN_TOTAL : results.length);
                    }
                    dispatched = Math.max(dispatched, a.index() + 1);
                    return a;
                }
                wait(); // a case running elsewhere may come back (retry, moved)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private synchronized void requeueFront(Attempt<W> a) {
        queue.addFirst(a);
        notifyAll();
    }

    private synchronized void boardFailedDuringCase(Attempt<W> a, String board, String reason) {
        if (timedOut) {
            record(a, PoolMarks.error(a.work(), "stopped: " + stopReason + " while the case ran on " + board, marks(a, board)));
        } else if (a.movedFrom() == null) {
            queue.addFirst(a.movedAway(board + ": " + reason));
            notifyAll();
        } else {
            record(a, PoolMarks.error(a.work(), "the boards under this case failed twice: " + a.movedFrom() + "; "
                    + board + ": " + reason, marks(a, board)));
        }
    }

    private synchronized void finish(Attempt<W> a, CaseResult r, String board) {
        if (timedOut) {
            record(a, PoolMarks.with(new CaseResult(r.name(), r.group(), r.description(), r.source(), CaseStatus.ERROR,
                    r.steps(), r.measurements(), "stopped: " + stopReason + " while the case ran"
                    + (r.message().isEmpty() ? "" : " (" + r.message() + ")"), r.started(), r.millis()), marks(a, board)));
            return;
        }
        if (failed(r) && a.number() <= control.retryFailed() && stopReason == null && !cut[a.index()]) {
            queue.addLast(a.retried(r));
            notifyAll();
            return;
        }
        Map<String, Object> m = marks(a, board);
        if (r.status() == CaseStatus.PASS && !a.earlierFailures().isEmpty()) {
            m.put(PoolMarks.FLAKY, String.join("; ", a.earlierFailures()));
        }
        record(a, PoolMarks.with(r, m));
    }

    private Map<String, Object> marks(Attempt<W> a, String board) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PoolMarks.BOARD, board);
        if (a.movedFrom() != null) {
            m.put(PoolMarks.MOVED_FROM, a.movedFrom());
        }
        if (a.number() > 1) {
            m.put(PoolMarks.ATTEMPTS, a.number());
        }
        return m;
    }

    /** A failure or an error; a case this board cannot run (skipped) is neither retried nor counted. */
    private static boolean failed(CaseResult r) {
        return r.status() == CaseStatus.FAIL || r.status() == CaseStatus.ERROR;
    }

    private void record(Attempt<W> a, CaseResult r) {
        results[a.index()] = r;
        finished++;
        if (!ordered) {
            release(r);
        } else {
            // a case cut short by the run's stop (its --timeout) says nothing about where the sequence ends
            if (!cut[a.index()] && stopReason == null && a.work().isLast(r)) {
                // what ran past it is discarded (class comment)
                java.util.Arrays.fill(cut, a.index() + 1, sequenceEnd[a.index()], true);
            }
            while (released < results.length && (cut[released] || results[released] != null)) {
                if (!cut[released]) {
                    release(results[released]);
                }
                released++;
            }
        }
        notifyAll();
    }

    /** A case's verdict counts: the listener hears of it, and a failure counts towards --max-failures. */
    private void release(CaseResult r) {
        listener.caseDone(r);
        if (failed(r)) {
            failures++;
            if (control.maxFailures() > 0 && failures >= control.maxFailures() && stopReason == null) {
                stopReason = "--max-failures " + control.maxFailures() + " reached";
            }
        }
        notifyAll();
    }

    /** Takes the board out of the pool; {@code duringCase}: the index of the case it failed in, or null. */
    private synchronized void drop(BoardSlot<W> slot, String reason, Integer duringCase) {
        PoolOutcome.DroppedBoard d = new PoolOutcome.DroppedBoard(slot.name(), reason);
        dropped.add(d);
        if (duringCase != null) {
            droppedDuring.put(d, duringCase);
        }
    }

    private synchronized void workerEnded() {
        liveWorkers--;
        notifyAll();
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
