package io.llexthil.campaign.sweep;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;
import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.UploadAction;
import io.llexthil.campaign.twin.TwinSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code sweep heap}: for every extension set and every LLEXT heap size from the board's smallest
 * upwards, in steps of 8 bytes (one sys_heap chunk unit, so every distinct layout), boot a board
 * with that heap, load the set, save, reset, restore, and compare every step with the twin (whose
 * heap is Zephyr's sys_heap of the same size). Agreement at every size means the twin predicts the
 * same first failing allocation as the board. A set ends at the first size where nothing fails
 * (no step answers -ENOMEM).
 *
 * <p>Each set is a sequence of points that any board of a pool can run: a point boots its own
 * board. A point's two cases run on that one board, so a pool places and judges the point as one
 * case ({@link #point}: the worse verdict, both halves' steps) and {@link #finish} puts the two
 * cases back, with the pool's marks (which board ran it) on both.
 */
public final class HeapSizeSweep {
    /** The smallest heap the simulated board accepts (docs/sim.md). */
    public static final int SMALLEST = 64;
    private static final int ENOMEM = -12;

    /** Opens a board whose LLEXT heap has this many bytes; the sweep closes it after one point. */
    public interface BoardAtHeap {
        ScenarioRunner open(int heapBytes);
    }

    private final int step;
    private final int largest;
    /** Both cases of each point that ran, by the point's name (the last attempt of each). */
    private final Map<String, List<CaseResult>> halves = new ConcurrentHashMap<>();

    /** One point of the sweep: a set at one heap size. */
    public record Point(String name, List<String> set, int heap) { }

    /**
     * @param step    bytes between two sizes (8: every size a sys_heap tells apart)
     * @param largest give up on a set past this size (a set that still fails there is reported)
     */
    public HeapSizeSweep(int step, int largest) {
        if (step <= 0 || largest < SMALLEST) {
            throw new IllegalArgumentException("heap sweep: step " + step + " must be > 0 and largest " + largest
                    + " at least " + SMALLEST);
        }
        this.step = step;
        this.largest = largest;
    }

    /** The distinct sets of extensions the built-in suite loads before its first save, in suite order. */
    public static List<List<String>> suiteSets() {
        Set<List<String>> sets = new LinkedHashSet<>();
        for (HilScenario s : BuiltInSuite.load()) {
            List<String> loaded = new ArrayList<>();
            for (Step st : s.steps()) {
                if (st.action() instanceof SaveAction) {
                    break;
                }
                if (st.action() instanceof LoadAction load && !loaded.contains(load.ext())) {
                    loaded.add(load.ext());
                }
            }
            if (!loaded.isEmpty()) {
                sets.add(List.copyOf(loaded));
            }
        }
        return List.copyOf(sets);
    }

    /** The points of one set, smallest heap first; the set ends at the first that {@link #pointEnds}. */
    public List<Point> points(List<String> set) {
        List<Point> out = new ArrayList<>();
        for (int heap = SMALLEST; heap <= largest; heap += step) {
            out.add(new Point("heap " + heap + " " + String.join(",", set), set, heap));
        }
        return out;
    }

    /**
     * Runs the point on a board opened with its heap, and returns it as one case: the worse of the
     * two verdicts, with both halves' steps ({@link #finish} reports the two cases).
     */
    public CaseResult point(Point p, BoardAtHeap boards) {
        List<CaseResult> two = point(p.set(), p.heap(), boards);
        halves.put(p.name(), two);
        List<StepRecord> steps = new ArrayList<>();
        two.forEach(c -> steps.addAll(c.steps()));
        CaseResult worst = worst(two);
        long millis = two.stream().mapToLong(CaseResult::millis).sum();
        return new CaseResult(p.name(), "sweep-heap", "load, save, reset and restore " + p.set() + " with a " + p.heap()
                + "-byte LLEXT heap", "sweep heap", worst.status(), steps, two.get(0).measurements(), worst.message(),
                two.get(0).started(), millis);
    }

    /** The case with the worse verdict (error, fail, skipped, pass), the first of equals. */
    private static CaseResult worst(List<CaseResult> cases) {
        return cases.stream().max(Comparator.comparingInt(HeapSizeSweep::severity)).orElseThrow();
    }

    private static int severity(CaseResult c) {
        return switch (c.status()) {
            case ERROR -> 3;
            case FAIL -> 2;
            case SKIPPED -> 1;
            case PASS -> 0;
        };
    }

    /** A point ends its set when nothing answered -ENOMEM (the heap is big enough), or when it erred. */
    public static boolean pointEnds(CaseResult point) {
        return point.status() == CaseStatus.ERROR || !anyEnomem(point);
    }

    /**
     * The reported cases (each point's two cases, with the pool's marks of the point) and the
     * sweep's measurements, from the points of {@code sets} in order. A point that never ran to
     * its end on a board (its boards failed, the run stopped) stays one erroneous case.
     * {@code stopped}: the run stopped early, so an erroneous last point may only have been cut short.
     */
    public List<CaseResult> finish(List<List<String>> sets, List<CaseResult> points, Map<String, Object> measurements,
                                   boolean stopped) {
        List<CaseResult> out = new ArrayList<>();
        Map<String, CaseResult> byName = new LinkedHashMap<>();
        for (CaseResult p : points) {
            byName.put(p.name(), p);
            List<CaseResult> two = halves.get(p.name());
            // a point the pool judged itself (its boards failed, the run's time ran out) stays as the pool reported it
            if (two == null || p.status() != worst(two).status()) {
                out.add(p);
                continue;
            }
            for (CaseResult half : two) {
                Map<String, Object> m = new LinkedHashMap<>(p.measurements()); // the pool's marks: board, moved_from...
                m.putAll(half.measurements());
                out.add(new CaseResult(half.name(), half.group(), half.description(), half.source(), half.status(),
                        half.steps(), m, half.message(), half.started(), half.millis()));
            }
        }
        for (List<String> set : sets) {
            Object needed = "more than " + largest;
            List<Point> all = points(set);
            for (int i = 0; i < all.size(); i++) {
                CaseResult r = byName.get(all.get(i).name());
                if (r == null || (stopped && r.status() == CaseStatus.ERROR)) {
                    // neither ended nor at its largest size: the run stopped (--timeout, --max-failures) in this set
                    needed = i == 0 ? "unknown: the sweep stopped before this set" : "unknown: the sweep stopped after "
                            + all.get(i - 1).heap() + " bytes";
                    break;
                }
                if (r.status() == CaseStatus.SKIPPED) {
                    needed = "unknown: the board cannot run the sweep";
                    break;
                }
                if (pointEnds(r)) {
                    needed = r.status() == CaseStatus.ERROR ? needed : (Object) all.get(i).heap();
                    break;
                }
            }
            measurements.put("heap_needed[" + String.join(",", set) + "]", needed);
        }
        measurements.put("heap_points", points.size());
        measurements.put("heap_step", step);
        return out;
    }

    /** Two cases on one board: load the set and save (from boot), then reset and restore. */
    private static List<CaseResult> point(List<String> set, int heap, BoardAtHeap boards) {
        String key = String.join(",", set);
        List<Step> load = new ArrayList<>();
        load.add(Step.of(new UploadAction(set)));
        set.forEach(e -> load.add(Step.of(new LoadAction(e))));
        load.add(Step.of(new SaveAction(List.of())));
        List<Step> restore = List.of(Step.of(new ResetAction(ResetSpec.shell())), Step.of(new RestoreAction(List.of())), Step.of(new StateAction(null)));
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("heap", heap);
        meas.put("set", key);
        ScenarioRunner runner = boards.open(heap);
        try {
            TwinSession twin = runner.newTwin();
            List<CaseResult> out = new ArrayList<>();
            for (HilScenario s : List.of(
                    HilScenario.numbered("heap " + heap + " load " + key, "load " + set + " and save, from boot, with a " + heap
                            + "-byte LLEXT heap", "sweep heap", true, load),
                    HilScenario.numbered("heap " + heap + " restore " + key, "reset and restore what was saved, with a " + heap
                            + "-byte LLEXT heap", "sweep heap", false, restore))) {
                CaseResult r = runner.run(s, "sweep-heap", meas, twin);
                // a skipped case (a board without test commands) sent nothing to check
                boolean ran = r.status() != CaseStatus.ERROR && r.status() != CaseStatus.SKIPPED;
                if (ran) {
                    r = withCallCheck(r, twin.allocCalls(), runner.board().fault().allocCalls());
                }
                out.add(r);
                if (!ran) {
                    break;
                }
            }
            return out;
        } finally {
            runner.board().close();
        }
    }

    /**
     * Every step agreeing does not yet say that the same allocation failed: a load that fails at its
     * struct and one that fails at its section map both answer -ENOMEM and hold nothing. The
     * allocator calls since boot or the reset do: a load or restore stops at its first NULL, so the
     * count ends at the index of the failing call.
     */
    private static CaseResult withCallCheck(CaseResult r, long predicted, long observed) {
        List<Difference> diffs = new ArrayList<>();
        if (predicted != observed) {
            diffs.add(new Difference(0, "allocator calls since the reset", "heap.alloc_calls", "twin",
                    Long.toString(predicted), Long.toString(observed), List.of()));
        }
        StepRecord check = new StepRecord(r.steps().size(), "allocator calls of the restore (fault alloc_calls)", "check",
                diffs.isEmpty() ? StepOutcome.AGREE : StepOutcome.DIVERGE,
                new Facts().put("heap.alloc_calls", predicted), new Facts().put("heap.alloc_calls", observed), diffs,
                null, 0, false, Instant.now(), 0, List.of());
        List<StepRecord> steps = new ArrayList<>(r.steps());
        steps.add(check);
        Map<String, Object> meas = new LinkedHashMap<>(r.measurements());
        meas.put("alloc_calls", observed);
        return new CaseResult(r.name(), r.group(), r.description(), r.source(), CaseResult.statusOf(steps), steps, meas,
                CaseResult.messageOf(steps), r.started(), r.millis());
    }

    /** True when the board answered -ENOMEM at any step (an allocation failed somewhere). */
    static boolean anyEnomem(CaseResult r) {
        for (StepRecord st : r.steps()) {
            String rc = st.observed().get("rc");
            if (rc != null && Integer.parseInt(rc) == ENOMEM) {
                return true;
            }
        }
        return false;
    }
}
