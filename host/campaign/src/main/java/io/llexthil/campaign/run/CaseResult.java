package io.llexthil.campaign.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One test case: a scenario, or one point of a sweep, or one fuzz sequence.
 *
 * @param name         unique in the run
 * @param group        {@code scenario}, {@code sweep-alloc}, {@code sweep-powercut} or {@code fuzz}
 * @param description  what it proves
 * @param source       the YAML it came from, or how it was generated
 * @param status       pass, fail or error
 * @param steps        the step records
 * @param measurements extra numbers (flash erases, alloc index, ...)
 * @param message      one line: the first divergence or error, or empty
 * @param started      wall-clock start
 * @param millis       duration
 */
public record CaseResult(String name, String group, String description, String source, CaseStatus status,
                         List<StepRecord> steps, Map<String, Object> measurements, String message,
                         Instant started, long millis) {

    /**
     * This case without its step records: what a long run keeps of a case that passed (its name,
     * verdict, measurements and time), so memory and reports stay flat however many cases run.
     * The step count stays in {@code measurements} as {@code steps}.
     */
    public CaseResult summary() {
        Map<String, Object> meas = new java.util.LinkedHashMap<>(measurements);
        meas.putIfAbsent("steps", steps.size());
        return new CaseResult(name, group, description, source, status, List.of(), meas, message, started, millis);
    }

    public List<Difference> differences() {
        return steps.stream().flatMap(s -> s.differences().stream()).toList();
    }

    public static CaseStatus statusOf(List<StepRecord> steps) {
        if (steps.stream().anyMatch(s -> s.outcome() == StepOutcome.ERROR)) {
            return CaseStatus.ERROR;
        }
        if (steps.stream().anyMatch(s -> s.outcome() == StepOutcome.DIVERGE)) {
            return CaseStatus.FAIL;
        }
        return CaseStatus.PASS;
    }

    public static String messageOf(List<StepRecord> steps) {
        for (StepRecord s : steps) {
            if (s.outcome() == StepOutcome.ERROR) {
                return "step " + s.index() + " (" + s.label() + "): " + s.error();
            }
            if (!s.differences().isEmpty()) {
                Difference d = s.differences().get(0);
                int more = (int) steps.stream().mapToLong(r -> r.differences().size()).sum() - 1;
                return d.oneLine() + (more > 0 ? " (+" + more + " more)" : "");
            }
        }
        return "";
    }
}
