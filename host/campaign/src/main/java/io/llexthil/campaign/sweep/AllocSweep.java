package io.llexthil.campaign.sweep;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.RunListener;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep alloc}: save once, then for k = 1, 2, ... reset, fail the k-th LLEXT heap
 * allocation, restore, and compare with the twin — until a restore completes without reaching the
 * fault. Restores never write flash: the erase counters of {@code ctx info} before the first point
 * and after the last must be equal, and the erases the whole sweep used are reported.
 */
public final class AllocSweep {
    private final ScenarioRunner runner;
    private final int maxK;

    public AllocSweep(ScenarioRunner runner, int maxK) {
        this.runner = runner;
        this.maxK = maxK;
    }

    /** The cases (setup, one per k, the flash check) and run-level measurements in {@code measurements}. */
    public List<CaseResult> run(List<String> exts, Map<String, Object> measurements, RunListener listener) {
        List<CaseResult> out = new ArrayList<>();
        TwinSession twin = runner.newTwin();
        long erasesAtStart = runner.board().ctxInfo().totalErases();
        List<Step> setup = new ArrayList<>();
        setup.add(Step.of(new UploadAction(exts)));
        exts.forEach(e -> setup.add(Step.of(new LoadAction(e))));
        setup.add(Step.of(new SaveAction(List.of())));
        HilScenario setupScenario = HilScenario.numbered("alloc-setup", "load " + exts + " and save them once", "sweep alloc", true, setup);
        CaseResult s = runner.run(setupScenario, "sweep-alloc", Map.of(), twin);
        out.add(s);
        listener.caseDone(s);
        if (s.status() != CaseStatus.PASS) {
            return out;
        }
        long erasesBefore = runner.board().ctxInfo().totalErases();
        int k = 1;
        int points = 0;
        for (; k <= maxK; k++) {
            HilScenario point = HilScenario.numbered("alloc k=" + k, "restore with the " + ordinal(k) + " LLEXT heap allocation failing",
                    "sweep alloc", false, List.of(Step.of(new ResetAction(ResetSpec.shell())),
                            Step.of(new RestoreAction(List.of())).withFaults(new StepFaults(k, 0)), Step.of(new StateAction(null))));
            listener.caseStarted(point.name(), k, RunListener.UNKNOWN_TOTAL); // ends when the fault is no longer reached
            Map<String, Object> meas = new LinkedHashMap<>();
            meas.put("k", k);
            CaseResult r = runner.run(point, "sweep-alloc", meas, twin);
            out.add(r);
            listener.caseDone(r);
            points++;
            if (!faultReached(r) || r.status() == CaseStatus.ERROR) {
                break;
            }
        }
        long erasesAfter = runner.board().ctxInfo().totalErases();
        measurements.put("alloc_points", points);
        measurements.put("alloc_last_k", Math.min(k, maxK));
        measurements.put("flash_erases_at_start", erasesAtStart);
        measurements.put("flash_erases_before", erasesBefore);
        measurements.put("flash_erases_after", erasesAfter);
        measurements.put("flash_erases_during_sweep", erasesAfter - erasesBefore);
        // the whole sweep: the setup's erase of both slots and its one save, then the restores (none)
        measurements.put("flash_erases_whole_sweep", erasesAfter - erasesAtStart);
        out.add(flashCheck(erasesBefore, erasesAfter, k > maxK));
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
