package io.llexthil.campaign.sweep;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;
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
 * The sweep ends at the first n the save completes without reaching.
 */
public final class PowerCutSweep {
    private final ScenarioRunner runner;
    private final int maxN;

    public PowerCutSweep(ScenarioRunner runner, int maxN) {
        this.runner = runner;
        this.maxN = maxN;
    }

    /**
     * @param previous extensions saved first (the previous context)
     * @param added    extensions loaded after that, so the interrupted save differs from it
     */
    public List<CaseResult> run(List<String> previous, List<String> added, Map<String, Object> measurements,
                                RunListener listener) {
        List<CaseResult> out = new ArrayList<>();
        List<String> all = new ArrayList<>(previous);
        all.addAll(added);
        int n = 1;
        int committed = 0;
        int kept = 0;
        for (; n <= maxN; n++) {
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
            listener.caseStarted(point.name(), n, RunListener.UNKNOWN_TOTAL); // ends when the save completes first
            Map<String, Object> meas = new LinkedHashMap<>();
            meas.put("n", n);
            CaseResult r = runner.run(point, "sweep-powercut", meas, null);
            String outcome = outcome(r);
            meas.put("outcome", outcome);
            out.add(new CaseResult(r.name(), r.group(), r.description(), r.source(), r.status(), r.steps(), meas,
                    r.message(), r.started(), r.millis()));
            listener.caseDone(r);
            if ("new".equals(outcome)) {
                committed++;
            } else if ("previous".equals(outcome)) {
                kept++;
            }
            if (!powerWasCut(r) || r.status() == CaseStatus.ERROR) {
                break;
            }
        }
        measurements.put("powercut_points", out.size());
        measurements.put("powercut_previous_kept", kept);
        measurements.put("powercut_new_committed", committed);
        measurements.put("powercut_save_flash_ops", n > maxN ? ">" + maxN : Integer.toString(n - 1));
        return out;
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
