package io.llexthil.campaign.run;

/** How a test case (a scenario or a sweep point) ended. */
public enum CaseStatus {
    /** Every step agreed. */
    PASS,
    /** At least one divergence. */
    FAIL,
    /** A step could not be run or judged (timeout, unsupported reset, missing image...). */
    ERROR,
    /**
     * Not run: the case needs something this board cannot do (another firmware build on a board
     * that cannot switch builds by itself); nothing was sent, and the reason is the message.
     */
    SKIPPED
}
