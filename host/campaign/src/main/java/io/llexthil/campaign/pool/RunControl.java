package io.llexthil.campaign.pool;

import java.time.Duration;

/**
 * How a run reacts to failures and time.
 *
 * @param retryFailed a failed or erroneous case runs up to this many more times; one that passes on
 *                    a retry is reported as flaky
 * @param maxFailures stop taking new cases after this many cases failed for good (0: never stop)
 * @param timeout     the whole run's time; cases still running then are aborted (null: none)
 */
public record RunControl(int retryFailed, int maxFailures, Duration timeout) {
    public static final RunControl DEFAULTS = new RunControl(0, 0, null);

    public RunControl {
        if (retryFailed < 0) {
            throw new IllegalArgumentException("--retry-failed " + retryFailed + ": need 0 or more");
        }
        if (maxFailures < 0) {
            throw new IllegalArgumentException("--max-failures " + maxFailures + ": need 0 (no limit) or more");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("--timeout " + timeout + ": need a positive duration, e.g. 30m");
        }
    }

    /** A run time such as {@code 90s}, {@code 30m}, {@code 1.5h} or {@code 500ms}, for {@code --timeout}. */
    public static Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--timeout " + text + ": expected a duration such as 90s, 30m or 1.5h");
        }
        double v = Double.parseDouble(m.group(1));
        double unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofMillis(Math.round(v * unitMillis));
    }
}
