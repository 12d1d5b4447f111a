package io.llexthil.campaign.scenario;

/**
 * One scenario step: what it does ({@link StepAction}, one record per kind) and the options every
 * step has.
 *
 * @param index    0-based position in the scenario's {@code steps}
 * @param action   the kind and its arguments
 * @param expectRc the return code the scenario requires (null = whatever the twin predicts)
 * @param fault    faults armed just before the step
 * @param label    a short human description (the YAML's {@code name}, or the action's own)
 */
public record Step(int index, StepAction action, Integer expectRc, StepFaults fault, String label) {

    public Step {
        fault = fault == null ? StepFaults.NONE : fault;
        if (label == null || label.isBlank()) {
            label = action.label();
        }
    }

    /** A step with no options, to be numbered by {@link HilScenario#numbered}. */
    public static Step of(StepAction action) {
        return new Step(0, action, null, null, null);
    }

    /** Arms a fault or runs a test-only command: a field build cannot run it. */
    public boolean usesTestCommands() { return fault.any() || action.usesTestCommands(); }

    /** The YAML action key. */
    public String kind() { return action.key(); }

    /** The same step at another position (for generated and shrunk sequences). */
    public Step withIndex(int i) {
        return new Step(i, action, expectRc, fault, label);
    }

    /** The same step with other faults armed before it (and the action's own label). */
    public Step withFaults(StepFaults faults) {
        return new Step(index, action, expectRc, faults, null);
    }

    /** The YAML-like one-line form used in reports and the fuzzer's replay output. */
    public String describe() {
        String f = fault.any() ? " [fault " + fault.describe() + "]" : "";
        return label + f;
    }
}
