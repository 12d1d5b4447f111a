package io.llexthil.campaign.pool;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

class PoolSchedulerTest {

    /** A board that runs cases by a rule; it may refuse to open. */
    static final class Board {
        final String name;
        volatile boolean closed;
        final CountDownLatch closing = new CountDownLatch(1);

        Board(String name) {
            this.name = name;
        }
    }

    static BoardSlot<Board> slot(String name, boolean ready) {
        return new BoardSlot<>() {
            public String name() { return name; }

            public Board open() {
                if (!ready) {
                    throw new IllegalStateException("no prompt within 10 s; last bytes seen: \"\"");
                }
                return new Board(name);
            }

            public void check(Board b) { }

            public void close(Board b) {
                b.closed = true;
                b.closing.countDown();
            }
        };
    }

    static PoolCase<Board> work(String name, BiFunction<String, Board, CaseStatus> rule) {
        return new PoolCase<>() {
            public String name() { return name; }

            public String group() { return "scenario"; }

            public CaseResult run(Board b) {
                CaseStatus s = rule.apply(name, b);
                return new CaseResult(name, "scenario", "", "", s, List.of(), Map.of(),
                        s == CaseStatus.PASS ? "" : "diverged", Instant.now(), 1);
            }
        };
    }

    static List<PoolCase<Board>> cases(int n, BiFunction<String, Board, CaseStatus> rule) {
        List<PoolCase<Board>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(work("case-" + i, rule));
        }
        return l;
    }

    @Test
    void aBoardThatNeverBecomesReadyIsDroppedAndTheOthersRunEveryCase() {
        var outcome = new PoolScheduler<>(List.of(slot("a", true), slot("dead", false), slot("c", true)),
                RunControl.DEFAULTS, null).run(cases(12, (n, b) -> CaseStatus.PASS));

        assertThat(outcome.results()).hasSize(12).allMatch(r -> r.status() == CaseStatus.PASS);
        assertThat(outcome.results()).extracting(CaseResult::name).containsExactly(
                cases(12, (n, b) -> CaseStatus.PASS).stream().map(PoolCase::name).toArray(String[]::new));
        assertThat(outcome.results()).allMatch(r -> List.of("a", "c").contains(r.measurements().get(PoolMarks.BOARD)));
        assertThat(outcome.dropped()).singleElement().satisfies(d -> {
            assertThat(d.board()).isEqualTo("dead");
            assertThat(d.reason()).startsWith("not ready: no prompt within 10 s");
        });
        assertThat(outcome.stopReason()).isNull();
        assertThat(outcome.notRun()).isEmpty();
    }

    @Test
    void aCaseWhoseBoardFailsUnderItRunsOnceMoreElsewhereAndIsMarked() {
        BiFunction<String, Board, CaseStatus> rule = (n, b) -> {
            if (n.equals("case-3") && b.name.equals("flaky-board")) {
                throw new IllegalStateException("link closed by the peer");
            }
            return CaseStatus.PASS;
        };
        // the failing board runs case-3 first: it is the only one at first
        var outcome = new PoolScheduler<>(List.of(slot("flaky-board", true), slot("good", true)),
                RunControl.DEFAULTS, null).run(cases(6, rule));

        assertThat(outcome.results()).hasSize(6).allMatch(r -> r.status() == CaseStatus.PASS);
        if (outcome.dropped().isEmpty()) {
            // the good board ran case-3 itself: nothing to move
            assertThat(outcome.results().get(3).measurements()).doesNotContainKey(PoolMarks.MOVED_FROM);
        } else {
            CaseResult moved = outcome.results().get(3);
            assertThat(moved.measurements().get(PoolMarks.BOARD)).isEqualTo("good");
            assertThat((String) moved.measurements().get(PoolMarks.MOVED_FROM))
                    .isEqualTo("flaky-board: failed during case case-3: link closed by the peer");
            assertThat(outcome.dropped()).extracting(PoolOutcome.DroppedBoard::board).containsExactly("flaky-board");
        }
    }

    @Test
    void aCaseWhoseBoardsFailTwiceIsAnErrorNamingBoth() {
        BiFunction<String, Board, CaseStatus> rule = (n, b) -> {
            if (n.equals("case-0")) {
                throw new IllegalStateException("board " + b.name + " stopped answering");
            }
            return CaseStatus.PASS;
        };
        var outcome = new PoolScheduler<>(List.of(slot("x", true), slot("y", true), slot("z", true)),
                RunControl.DEFAULTS, null).run(cases(4, rule));

        CaseResult c0 = outcome.results().get(0);
        assertThat(c0.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(c0.message()).startsWith("the boards under this case failed twice: ");
        assertThat(outcome.dropped()).hasSize(2);
        assertThat(outcome.results()).hasSize(4);
    }

    @Test
    void aRetryThatPassesIsFlakyAndOneThatKeepsFailingStaysFailed() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        BiFunction<String, Board, CaseStatus> rule = (n, b) -> {
            int k = runs.computeIfAbsent(n, x -> new AtomicInteger()).incrementAndGet();
            if (n.equals("case-1")) {
                return k == 1 ? CaseStatus.FAIL : CaseStatus.PASS;
            }
            return n.equals("case-2") ? CaseStatus.FAIL : CaseStatus.PASS;
        };
        var outcome = new PoolScheduler<>(List.of(slot("a", true), slot("b", true)), new RunControl(2, 0, null), null)
                .run(cases(4, rule));

        CaseResult flaky = outcome.results().get(1);
        assertThat(flaky.status()).isEqualTo(CaseStatus.PASS);
        assertThat(flaky.measurements()).containsEntry(PoolMarks.ATTEMPTS, 2)
                .containsEntry(PoolMarks.FLAKY, "attempt 1: fail (diverged)");
        CaseResult failed = outcome.results().get(2);
        assertThat(failed.status()).isEqualTo(CaseStatus.FAIL);
        assertThat(failed.measurements()).containsEntry(PoolMarks.ATTEMPTS, 3).doesNotContainKey(PoolMarks.FLAKY);
        assertThat(runs.get("case-2")).hasValue(3);
        assertThat(runs.get("case-0")).hasValue(1);
    }

    @Test
    void maxFailuresStopsTakingCasesAndListsTheOnesNotRun() {
        var outcome = new PoolScheduler<>(List.of(slot("only", true)), new RunControl(0, 2, null), null)
                .run(cases(10, (n, b) -> CaseStatus.FAIL));

        assertThat(outcome.results()).hasSize(2);
        assertThat(outcome.notRun()).hasSize(8).startsWith("case-2");
        assertThat(outcome.stopReason()).isEqualTo("--max-failures 2 reached");
    }

    @Test
    void theRunTimeoutAbortsTheRunningCaseByClosingItsBoard() throws Exception {
        BiFunction<String, Board, CaseStatus> rule = (n, b) -> {
            if (n.equals("case-1")) {
                try {
                    // a case that would run far longer than the run may: it ends when its link is closed
                    if (!b.closing.await(60, TimeUnit.SECONDS)) {
                        return CaseStatus.PASS;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("link closed");
            }
            return CaseStatus.PASS;
        };
        var outcome = new PoolScheduler<>(List.of(slot("one", true)), new RunControl(0, 0, Duration.ofMillis(300)), null)
                .run(cases(3, rule));

        assertThat(outcome.stopReason()).isEqualTo("--timeout 0.3s reached");
        assertThat(outcome.results()).hasSize(2);
        assertThat(outcome.results().get(0).status()).isEqualTo(CaseStatus.PASS);
        CaseResult aborted = outcome.results().get(1);
        assertThat(aborted.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(aborted.message()).isEqualTo("stopped: --timeout 0.3s reached while the case ran on one");
        assertThat(outcome.notRun()).containsExactly("case-2");
    }

    @Test
    void noBoardReadyLeavesEveryCaseUnrunWithTheReasons() {
        var outcome = new PoolScheduler<>(List.of(slot("p", false), slot("q", false)), RunControl.DEFAULTS, null)
                .run(cases(3, (n, b) -> CaseStatus.PASS));
        assertThat(outcome.results()).isEmpty();
        assertThat(outcome.notRun()).hasSize(3);
        assertThat(outcome.stopReason()).isEqualTo("no board left in the pool");
        assertThat(outcome.firstReady()).isNull();
        assertThat(outcome.dropped()).extracting(PoolOutcome.DroppedBoard::board).containsExactlyInAnyOrder("p", "q");
    }

    /** Sweep points 0..n-1 whose point {@code last} ends the sequence; every run is counted. */
    static List<PoolCase<Board>> sequence(int n, int last, Map<String, AtomicInteger> runs, Map<String, String> ranOn) {
        List<PoolCase<Board>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "point-" + i;
            boolean isLast = i == last;
            PoolCase<Board> inner = work(name, (c, b) -> {
                runs.computeIfAbsent(c, x -> new AtomicInteger()).incrementAndGet();
                ranOn.put(c, b.name);
                return CaseStatus.PASS;
            });
            l.add(new PoolCase<>() {
                public String name() { return name; }

                public String group() { return "sweep"; }

                public CaseResult run(Board b) { return inner.run(b); }

                public boolean isLast(CaseResult verdict) { return isLast; }
            });
        }
        return l;
    }

    @Test
    void aSequenceOnThreeBoardsReportsExactlyThePointsOfOneBoardInOrder() {
        Map<String, AtomicInteger> oneRuns = new ConcurrentHashMap<>();
        var one = new PoolScheduler<>(List.of(slot("solo", true)), RunControl.DEFAULTS, null)
                .runSequence(sequence(50, 7, oneRuns, new ConcurrentHashMap<>()));
        Map<String, AtomicInteger> poolRuns = new ConcurrentHashMap<>();
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        var pool = new PoolScheduler<>(List.of(slot("a", true), slot("b", true), slot("c", true)), RunControl.DEFAULTS,
                new io.llexthil.campaign.run.RunListener() {
                    public void caseDone(CaseResult r) { heard.add(r.name()); }
                }).runSequence(sequence(50, 7, poolRuns, ranOn));

        List<String> points = List.of("point-0", "point-1", "point-2", "point-3", "point-4", "point-5", "point-6", "point-7");
        assertThat(one.results()).extracting(CaseResult::name).containsExactlyElementsOf(points);
        assertThat(oneRuns).hasSize(8); // one board never runs past the end
        assertThat(pool.results()).extracting(CaseResult::name).containsExactlyElementsOf(points);
        assertThat(heard).containsExactlyElementsOf(points);
        assertThat(pool.notRun()).isEmpty();
        assertThat(pool.stopReason()).isNull();
        // points that other boards ran past the end (how many depends on timing) are reported as discarded only
        assertThat(pool.discarded()).allMatch(n -> !points.contains(n));
        assertThat(poolRuns.keySet()).containsAll(points).hasSize(8 + pool.discarded().size());
        pool.results().forEach(r -> assertThat(r.measurements().get(PoolMarks.BOARD)).isEqualTo(ranOn.get(r.name())));
    }

    @Test
    void aSequenceWhoseBoardNeverBecomesReadyEndsOnTheOtherBoard() {
        var outcome = new PoolScheduler<>(List.of(slot("dead", false), slot("b", true)), RunControl.DEFAULTS, null)
                .runSequence(sequence(20, 4, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));

        assertThat(outcome.results()).hasSize(5).allMatch(r -> "b".equals(r.measurements().get(PoolMarks.BOARD)));
        assertThat(outcome.dropped()).singleElement().satisfies(d -> assertThat(d.board()).isEqualTo("dead"));
        assertThat(outcome.discarded()).isEmpty();
    }

    @Test
    void aBoardThatFailsInACasePastTheSequencesEndIsListedWithThatCaseNotAsDropped() {
        // point-1 fails on its board (as every board's own setup fails when point-0, the setup, did),
        // while point-0 ends the sequence: what happened past the end does not count
        CountDownLatch point1Failed = new CountDownLatch(1);
        List<PoolCase<Board>> seq = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "point-" + i;
            boolean first = i == 0;
            seq.add(new PoolCase<>() {
                public String name() { return name; }

                public String group() { return "sweep"; }

                public CaseResult run(Board b) {
                    if (!first) {
                        point1Failed.countDown();
                        throw new IllegalStateException("setup on this board failed");
                    }
                    try {
                        assertThat(point1Failed.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new CaseResult(name, "sweep", "", "", CaseStatus.FAIL, List.of(), Map.of(), "save failed",
                            Instant.now(), 1);
                }

                public boolean isLast(CaseResult verdict) { return first; }
            });
        }
        var outcome = new PoolScheduler<>(List.of(slot("a", true), slot("b", true)), RunControl.DEFAULTS, null)
                .runSequence(seq);

        assertThat(outcome.results()).extracting(CaseResult::name).containsExactly("point-0");
        assertThat(outcome.dropped()).isEmpty();
        assertThat(outcome.discarded()).singleElement().asString()
                .startsWith("point-1 (").contains(": failed during case point-1: ").contains("setup on this board failed");
    }

    @Test
    void aSequenceWithoutAnEndRunsEveryCase() {
        var outcome = new PoolScheduler<>(List.of(slot("a", true), slot("b", true)), RunControl.DEFAULTS, null)
                .runSequence(sequence(6, -1, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
        assertThat(outcome.results()).hasSize(6);
        assertThat(outcome.discarded()).isEmpty();
    }

    @Test
    void twoSequencesEachEndAtTheirOwnLastCaseAndKeepTheirOrder() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<PoolCase<Board>> first = sequence(30, 3, runs, new ConcurrentHashMap<>());
        List<PoolCase<Board>> second = new ArrayList<>();
        for (PoolCase<Board> c : sequence(30, 5, runs, new ConcurrentHashMap<>())) {
            second.add(new PoolCase<>() {
                public String name() { return "second " + c.name(); }

                public String group() { return c.group(); }

                public CaseResult run(Board b) { return c.run(b); }

                public boolean isLast(CaseResult verdict) { return c.isLast(verdict); }
            });
        }
        var outcome = new PoolScheduler<>(List.of(slot("a", true), slot("b", true), slot("c", true)), RunControl.DEFAULTS, null)
                .runSequences(List.of(first, second));

        assertThat(outcome.results()).extracting(CaseResult::name).containsExactly(
                "point-0", "point-1", "point-2", "point-3",
                "point-0", "point-1", "point-2", "point-3", "point-4", "point-5");
        assertThat(outcome.notRun()).isEmpty();
        int ran = runs.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(ran).isEqualTo(10 + outcome.discarded().size());
    }
}
