package io.llexthil.campaign.run;

/** How a test case (a scenario or a sweep point) ended. */
public enum CaseStatus {
    /** Every step agreed. */
    PASS,
    /** At least one divergence. */
    FAIL,
    /** A step could not be run or judged (timeout, unsupported reset, missing image...). */
    ERROR
}
