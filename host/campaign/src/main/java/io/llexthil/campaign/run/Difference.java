package io.llexthil.campaign.run;

import io.llexthil.campaign.facts.Facts;
import java.util.List;

/**
 * One field where the board's observation differs from what was expected.
 *
 * @param step       0-based step index
 * @param stepLabel  the step's description
 * @param field      a {@link Facts} field name
 * @param source     who expected it: {@code twin} or {@code scenario}
 * @param expected   the expected value ({@code (absent)} when not predicted)
 * @param observed   the board's value ({@code (absent)} when the board did not report it)
 * @param excerpt    stripped transcript lines around the step
 */
public record Difference(int step, String stepLabel, String field, String source, String expected,
                         String observed, List<String> excerpt) {

    public static final String ABSENT = "(absent)";

    public String oneLine() {
        return "step " + step + " (" + stepLabel + "): " + field + ": expected " + expected
                + " (" + source + "), observed " + observed;
    }
}
