package io.llexthil.campaign.run;

import io.llexthil.campaign.facts.Facts;
import java.time.Instant;
import java.util.List;

/**
 * Everything recorded about one step: both sides' facts, the differences, timing and the
 * transcript around it.
 *
 * @param index      0-based
 * @param label      the step's description
 * @param kind       the YAML action key
 * @param outcome    how it ended
 * @param predicted  the twin's facts
 * @param observed   the board's facts
 * @param differences divergences (twin or scenario)
 * @param error      the typed error's message for {@link StepOutcome#ERROR}, else null
 * @param epoch      the board's boot epoch after the step
 * @param reset      the step reset the board (a marker on the report's timeline)
 * @param started    wall-clock start
 * @param millis     duration
 * @param excerpt    stripped transcript lines of the step
 */
public record StepRecord(int index, String label, String kind, StepOutcome outcome, Facts predicted, Facts observed,
                         List<Difference> differences, String error, int epoch, boolean reset, Instant started,
                         long millis, List<String> excerpt) {

    /** The board's heap use after the step, when it was measured. */
    public Long heapUsed() {
        String v = observed.get("heap.used");
        return v == null ? null : Long.valueOf(v);
    }
}
