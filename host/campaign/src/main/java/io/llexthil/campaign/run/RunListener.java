package io.llexthil.campaign.run;

/** Progress callbacks (the CLI's progress bar); called on the runner's thread. */
public interface RunListener {
    /**
     * The {@code total} of {@link #caseStarted} when the number of cases is not known in advance: a
     * sweep runs until its fault is no longer reached, its limit is only where it gives up.
     */
    int UNKNOWN_TOTAL = 0;

    default void caseStarted(String name, int index, int total) { }

    default void stepDone(String caseName, StepRecord step, int total) { }

    default void caseDone(CaseResult result) { }

    RunListener NONE = new RunListener() { };
}
