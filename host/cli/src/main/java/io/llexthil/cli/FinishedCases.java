package io.llexthil.cli;

import io.llexthil.campaign.report.CaseJournal;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.StepRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cases of a run that have finished so far, in order, recorded as they finish (and passed on
 * to the progress display): what an interrupted run still reports. Each one also goes to the run's
 * case journal on disk at once ({@link CaseJournal}), which is what is left when the tool is killed
 * before it can write any report. The journal is opened at the first finished case, when the
 * board's info (part of its first line) is known.
 */
final class FinishedCases implements RunListener, AutoCloseable {
    private final RunListener next;
    private final Supplier<CaseJournal> openJournal;
    private final List<CaseResult> cases = new ArrayList<>();
    private volatile boolean stopped;
    private CaseJournal journal;
    private String journalProblem;

    FinishedCases(RunListener next, Supplier<CaseJournal> openJournal) {
        this.next = next;
        this.openJournal = openJournal;
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
            journal().ifPresent(j -> j.append(result));
        }
        next.caseDone(result);
    }

    /**
     * The journal, opened at the first case that finishes once it can be (the opener returns null
     * while no board is ready to say what the run is); cases finished before are written first.
     * Never throws: a journal that cannot be opened is reported at the end, the run goes on.
     */
    private Optional<CaseJournal> journal() {
        if (journal == null && journalProblem == null) {
            try {
                journal = openJournal.get();
            } catch (RuntimeException e) {
                journalProblem = e.getMessage();
            }
            if (journal != null) {
                cases.subList(0, cases.size() - 1).forEach(journal::append); // all but the one being added
            }
        }
        return Optional.ofNullable(journal);
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

    /** Why the case journal is incomplete, or null when it holds every finished case. */
    String journalProblem() {
        synchronized (cases) {
            return journalProblem != null ? journalProblem : journal == null ? null : journal.problem();
        }
    }

    /** Closes the journal (the file stays: it is part of the run directory). */
    @Override
    public void close() {
        synchronized (cases) {
            if (journal != null) {
                journal.close();
            }
        }
    }
}
