package io.llexthil.campaign.sweep;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.UploadAction;
import io.llexthil.campaign.twin.TwinSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep alloc}: save once, then for k = 1, 2, ... reset, fail the k-th LLEXT heap
 * allocation, restore, and compare with the twin — until a restore completes without reaching the
 * fault. Restores never write flash: the erase counters of {@code ctx info} before the first point
 * and after the last must be equal, and the erases the whole sweep used are reported.
 *
 * <p>The sweep is a sequence of cases (the setup, then one per k) that any board of a pool can
 * run: a board saves the context once, before its first point, and keeps its own twin of that
 * context. The setup case reported is the one of the board that ran it as the first case; another
 * board that joins later saves silently, and a board whose save fails there is unusable (the point
 * throws, so a pool drops the board and moves the point). After each point the board's erase
 * counters are read, so the flash check covers every board that ran a point.
 */
public final class AllocSweep {
    private final List<String> exts;
    private final int maxK;
    // identity: each runner drives one board, for the whole sweep
    private final Map<ScenarioRunner, BoardPart> boards = Collections.synchronizedMap(new IdentityHashMap<>());

    /** One board's part of the sweep: its twin after the save, and its erase counters. */
    private static final class BoardPart {
        TwinSession twin;
        long erasesAtStart;
        long erasesBefore;
        long erasesLast;
    }

    public AllocSweep(List<String> exts, int maxK) {
        this.exts = List.copyOf(exts);
        this.maxK = maxK;
    }

    /** The reported setup: load the extensions and save them, from a fresh board. */
    public CaseResult setup(ScenarioRunner runner) {
        BoardPart part = new BoardPart();
        part.twin = runner.newTwin();
        part.erasesAtStart = runner.board().ctxInfo().totalErases();
        List<Step> setup = new ArrayList<>();
        setup.add(Step.of(new UploadAction(exts)));
        exts.forEach(e -> setup.add(Step.of(new LoadAction(e))));
        // the sweep restores this context: its save must succeed, not only agree with the twin
        setup.add(new Step(0, new SaveAction(List.of()), 0, null, null));
        HilScenario setupScenario = HilScenario.numbered("alloc-setup", "load " + exts + " and save them once", "sweep alloc", true, setup);
        CaseResult s = runner.run(setupScenario, "sweep-alloc", Map.of(), part.twin);
        if (s.status() == CaseStatus.PASS) {
            part.erasesBefore = runner.board().ctxInfo().totalErases();
            part.erasesLast = part.erasesBefore;
            boards.put(runner, part);
        }
        return s;
    }

    /** Point k on this board (which saves first if it has not yet). */
    public CaseResult point(ScenarioRunner runner, int k) {
        BoardPart part = boards.get(runner);
        if (part == null) {
            CaseResult s = setup(runner);
            if (s.status() != CaseStatus.PASS) {
                throw new IllegalStateException("alloc-setup on this board before point k=" + k + ": "
                        + s.status().name().toLowerCase(Locale.ROOT) + " (" + s.message() + ")");
            }
            part = boards.get(runner);
        }
        HilScenario point = HilScenario.numbered("alloc k=" + k, "restore with the " + ordinal(k) + " LLEXT heap allocation failing",
                "sweep alloc", false, List.of(Step.of(new ResetAction(ResetSpec.shell())),
                        Step.of(new RestoreAction(List.of())).withFaults(new StepFaults(k, 0)), Step.of(new StateAction(null))));
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("k", k);
        CaseResult r = runner.run(point, "sweep-alloc", meas, part.twin);
        part.erasesLast = runner.board().ctxInfo().totalErases();
        return r;
    }

    /** The setup ends the sweep unless it passed. */
    public static boolean setupEnds(CaseResult setup) {
        return setup.status() != CaseStatus.PASS;
    }

    /** A point ends the sweep when its restore completed before the fault, or when it erred. */
    public static boolean pointEnds(CaseResult point) {
        return !faultReached(point) || point.status() == CaseStatus.ERROR;
    }

    /**
     * The sweep's cases as reported (the setup, the points, then the flash check) and its
     * measurements; {@code cases} are the setup and the points in order. Erase counters only
     * grow, so the sums over the boards are equal exactly when no board's counter moved.
     */
    public List<CaseResult> finish(List<CaseResult> cases, Map<String, Object> measurements) {
        if (cases.isEmpty() || setupEnds(cases.get(0))) {
            return cases;
        }
        List<CaseResult> points = cases.subList(1, cases.size());
        boolean capped = points.size() == maxK && points.stream().noneMatch(AllocSweep::pointEnds);
        long atStart = 0;
        long before = 0;
        long after = 0;
        synchronized (boards) {
            for (BoardPart p : boards.values()) {
                atStart += p.erasesAtStart;
                before += p.erasesBefore;
                after += p.erasesLast;
            }
        }
        measurements.put("alloc_points", points.size());
        measurements.put("alloc_last_k", points.size());
        measurements.put("flash_erases_at_start", atStart);
        measurements.put("flash_erases_before", before);
        measurements.put("flash_erases_after", after);
        measurements.put("flash_erases_during_sweep", after - before);
        // the whole sweep: the setup's erase of both slots and its one save, then the restores (none)
        measurements.put("flash_erases_whole_sweep", after - atStart);
        List<CaseResult> out = new ArrayList<>(cases);
        out.add(flashCheck(before, after, capped));
        return out;
    }

    /** True unless the restore step ran and the board reports its fault was never reached. */
    static boolean faultReached(CaseResult r) {
        for (StepRecord st : r.steps()) {
            String v = st.observed().get("fault.reached");
            if (v != null) {
                return Boolean.parseBoolean(v);
            }
        }
        return true;
    }

    private static CaseResult flashCheck(long before, long after, boolean capped) {
        Facts predicted = new Facts().put("flash.erases", before);
        Facts observed = new Facts().put("flash.erases", after);
        List<Difference> diffs = new ArrayList<>();
        if (before != after) {
            diffs.add(new Difference(0, "restores write no flash", "flash.erases", "scenario", Long.toString(before),
                    Long.toString(after), List.of()));
        }
        if (capped) {
            diffs.add(new Difference(0, "sweep ends", "fault.reached", "scenario", "a restore that completes before the fault",
                    "every k up to the limit reached the fault", List.of()));
        }
        StepRecord rec = new StepRecord(0, "ctx info erase counters before and after the sweep", "check",
                diffs.isEmpty() ? StepOutcome.AGREE : StepOutcome.DIVERGE, predicted, observed, diffs, null, 0, false,
                Instant.now(), 0, List.of());
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("flash_erases_during_sweep", after - before);
        return new CaseResult("alloc restores write no flash", "sweep-alloc",
                "the erase counters do not move while only restores run", "sweep alloc",
                CaseResult.statusOf(List.of(rec)), List.of(rec), meas, CaseResult.messageOf(List.of(rec)), Instant.now(), 0);
    }

    private static String ordinal(int k) {
        int m100 = k % 100;
        String suffix = m100 >= 11 && m100 <= 13 ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }
}
