package io.llexthil.cli;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.StepRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of a run that have finished so far, in order, recorded as they finish (and passed on
 * to the progress display): what an interrupted run still reports.
 */
final class FinishedCases implements RunListener {
    private final RunListener next;
    private final List<CaseResult> cases = new ArrayList<>();
    private volatile boolean stopped;

    FinishedCases(RunListener next) {
        this.next = next;
    }

    @Override
    public void caseStarted(String name, int index, int total) {
        if (stopped) {
            return;
        }
        next.caseStarted(name, index, total);
    }

    @Override
    public void stepDone(String caseName, StepRecord step, int total) {
        if (stopped) {
            return;
        }
        next.stepDone(caseName, step, total);
    }

    @Override
    public void caseDone(CaseResult result) {
        synchronized (cases) {
            if (stopped) {
                return;
            }
            cases.add(result);
        }
        next.caseDone(result);
    }

    /**
     * Stops recording and returns the cases finished so far: what runs after an interruption
     * (cases failing because the board process is being killed) is neither shown nor reported.
     */
    List<CaseResult> stop() {
        synchronized (cases) {
            stopped = true;
            return List.copyOf(cases);
        }
    }
}
