package io.llexthil.campaign.run;

/** How one step ended. */
public enum StepOutcome {
    /** Board, twin and scenario agree on every compared field. */
    AGREE,
    /** The twin predicted a crash and the board crashed: an agreement. */
    CRASH_AGREED,
    /** At least one field differs. */
    DIVERGE,
    /** The step could not be judged: a timeout, a protocol error, a missing image, an unsupported reset. */
    ERROR,
    /** Not run: an earlier step crashed or failed. */
    SKIPPED
}
