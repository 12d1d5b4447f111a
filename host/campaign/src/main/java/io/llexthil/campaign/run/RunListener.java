package io.llexthil.campaign.run;

/** Progress callbacks (the CLI's progress bar); called on the runner's thread. */
public interface RunListener {
    default void caseStarted(String name, int index, int total) { }

    default void stepDone(String caseName, StepRecord step, int total) { }

    default void caseDone(CaseResult result) { }

    RunListener NONE = new RunListener() { };
}
