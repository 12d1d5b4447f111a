package io.llexthil.campaign.sweep;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StepRecord;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.UploadAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep powercut}: for every flash operation index n of a save, from a board with a previous
 * context saved, cut power at operation n of the next save, bring the board back, and restore. The
 * runner checks the context after the cut is the previous one or the new one, never a torn one,
 * and diffs the restore with the twin (which follows the board to whichever of the two it shows).
 * The sweep ends at the first n the save completes without reaching. Every point starts from a
 * fresh board, so any board of a pool can run any point.
 */
public final class PowerCutSweep {
    private final List<String> previous;
    private final List<String> added;
    private final int maxN;

    /**
     * @param previous extensions saved first (the previous context)
     * @param added    extensions loaded after that, so the interrupted save differs from it
     */
    public PowerCutSweep(List<String> previous, List<String> added, int maxN) {
        this.previous = List.copyOf(previous);
        this.added = List.copyOf(added);
        this.maxN = maxN;
    }

    /** Point n: its verdict, with {@code n} and the context's {@code outcome} in its measurements. */
    public CaseResult point(ScenarioRunner runner, int n) {
        List<String> all = new ArrayList<>(previous);
        all.addAll(added);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(new UploadAction(all)));
        previous.forEach(e -> steps.add(Step.of(new LoadAction(e))));
        steps.add(Step.of(new SaveAction(List.of())));
        added.forEach(e -> steps.add(Step.of(new LoadAction(e))));
        steps.add(Step.of(new SaveAction(List.of())).withFaults(new StepFaults(0, n)));
        steps.add(Step.of(new RestoreAction(List.of())));
        steps.add(Step.of(new StateAction(null)));
        HilScenario point = HilScenario.numbered("powercut n=" + n, "cut power at flash operation " + n + " of a save",
                "sweep powercut", true, steps);
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("n", n);
        CaseResult r = runner.run(point, "sweep-powercut", meas, null);
        meas.put("outcome", outcome(r));
        return new CaseResult(r.name(), r.group(), r.description(), r.source(), r.status(), r.steps(), meas,
                r.message(), r.started(), r.millis());
    }

    /**
     * A point ends the sweep when its save completed before the cut, when it erred, or when the
     * board cannot run it (skipped: no test commands), since then it cannot run any point.
     */
    public static boolean pointEnds(CaseResult point) {
        return point.status() == CaseStatus.SKIPPED || !powerWasCut(point) || point.status() == CaseStatus.ERROR;
    }

    /** The sweep's measurements from its points, in order; {@code stopped}: the run stopped early. */
    public void summarize(List<CaseResult> points, Map<String, Object> measurements, boolean stopped) {
        long committed = points.stream().filter(r -> "new".equals(outcome(r))).count();
        long kept = points.stream().filter(r -> "previous".equals(outcome(r))).count();
        boolean capped = points.size() == maxN && points.stream().noneMatch(PowerCutSweep::pointEnds);
        // a run stopped early may have cut its last point short: only a completed save tells the count
        CaseResult last = points.isEmpty() ? null : points.get(points.size() - 1);
        boolean ended = last != null && (stopped ? !powerWasCut(last) : pointEnds(last));
        measurements.put("powercut_points", points.size());
        measurements.put("powercut_previous_kept", (int) kept);
        measurements.put("powercut_new_committed", (int) committed);
        // the save's flash operations: the last point's save completed before its cut point
        measurements.put("powercut_save_flash_ops", capped ? ">" + maxN
                : last != null && last.status() == CaseStatus.SKIPPED ? "unknown: the board cannot run the sweep"
                : ended ? Integer.toString(points.size() - 1)
                : "unknown: the sweep stopped before its end");
    }

    static boolean powerWasCut(CaseResult r) {
        for (StepRecord s : r.steps()) {
            String v = s.observed().get("power_cut");
            if (v != null) {
                return Boolean.parseBoolean(v);
            }
        }
        return true;
    }

    static String outcome(CaseResult r) {
        for (StepRecord s : r.steps()) {
            String v = s.observed().get("ctx.outcome");
            if (v != null) {
                return v;
            }
        }
        return "unknown";
    }
}
