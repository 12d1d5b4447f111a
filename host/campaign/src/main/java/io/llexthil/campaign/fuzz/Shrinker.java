package io.llexthil.campaign.fuzz;

import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing step sequence to a smaller one that still fails: first removes chunks of steps
 * (halves, quarters, ... down to single steps, as delta debugging does), then drops faults. Steps
 * whose action is kept when shrinking stay (uploads: every run needs its images). Bounded by a number of attempts, because each
 * attempt is a run on the board.
 */
public final class Shrinker {
    private final int maxAttempts;
    private int attempts;

    public Shrinker(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Attempts made by the last {@link #shrink}. */
    public int attempts() { return attempts; }

    public List<Step> shrink(List<Step> failing, Predicate<List<Step>> stillFails) {
        attempts = 0;
        List<Step> current = new ArrayList<>(failing);
        boolean progress = true;
        while (progress && attempts < maxAttempts) {
            progress = false;
            for (int chunk = Math.max(1, removable(current) / 2); chunk >= 1 && attempts < maxAttempts; chunk /= 2) {
                for (int start = 0; start < current.size() && attempts < maxAttempts; ) {
                    List<Step> candidate = without(current, start, chunk);
                    if (candidate == null) {
                        start++;
                        continue;
                    }
                    attempts++;
                    if (stillFails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
                if (chunk == 1) {
                    break;
                }
            }
            for (int i = 0; i < current.size() && attempts < maxAttempts; i++) {
                if (current.get(i).fault().any()) {
                    List<Step> candidate = new ArrayList<>(current);
                    candidate.set(i, current.get(i).withFaults(StepFaults.NONE));
                    attempts++;
                    if (stillFails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    }
                }
            }
        }
        return current;
    }

    private static int removable(List<Step> steps) {
        return (int) steps.stream().filter(s -> !s.action().keptWhenShrinking()).count();
    }

    /** {@code steps} without {@code count} removable steps from {@code start}, or null when nothing would change. */
    private static List<Step> without(List<Step> steps, int start, int count) {
        List<Step> out = new ArrayList<>();
        int removed = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (i >= start && removed < count && !steps.get(i).action().keptWhenShrinking()) {
                removed++;
                continue;
            }
            out.add(steps.get(i));
        }
        return removed == 0 ? null : out;
    }
}
