package io.llexthil.campaign.scenario;

import java.util.List;

/**
 * One scenario step. Which fields matter depends on {@link #kind()}; the others are empty.
 *
 * @param index    0-based position in the scenario's {@code steps}
 * @param kind     the action
 * @param exts     upload: images; load/unload/call: one extension; save: the names to save, in
 *                 order (empty = every loaded extension in list order)
 * @param symbol   call: the function ({@code int fn(void)})
 * @param expect   call: the expected value
 * @param expectRc the return code the scenario requires (null = whatever the twin predicts)
 * @param order    restore: the order the saved copies are handed to {@code llext_restore} (empty = saved order)
 * @param reset    reset: how
 * @param fault    faults armed just before the step
 * @param sleepMs  sleep: milliseconds
 * @param expectExts state: the extension list the scenario requires, in order (null = not checked)
 * @param label    a short human description (the YAML's {@code name}, or generated)
 */
public record Step(int index, StepKind kind, List<String> exts, String symbol, ExpectValue expect,
                   Integer expectRc, List<Integer> order, ResetSpec reset, StepFaults fault, long sleepMs,
                   List<String> expectExts, String label) {

    public Step {
        exts = exts == null ? List.of() : List.copyOf(exts);
        order = order == null ? List.of() : List.copyOf(order);
        expectExts = expectExts == null ? null : List.copyOf(expectExts);
        fault = fault == null ? StepFaults.NONE : fault;
        expect = expect == null ? ExpectValue.ANY : expect;
        if (label == null || label.isBlank()) {
            label = describe(kind, exts, symbol, order, reset, sleepMs);
        }
    }

    /** The single extension of a load, unload or call step. */
    public String ext() { return exts.isEmpty() ? null : exts.get(0); }

    /** Builder-style copy with another index (for generated and shrunk sequences). */
    public Step withIndex(int i) {
        return new Step(i, kind, exts, symbol, expect, expectRc, order, reset, fault, sleepMs, expectExts, label);
    }

    private static String describe(StepKind kind, List<String> exts, String symbol, List<Integer> order,
                                   ResetSpec reset, long sleepMs) {
        return switch (kind) {
            case CALL -> "call " + (exts == null || exts.isEmpty() ? "?" : exts.get(0)) + " " + symbol;
            case SAVE -> "save" + (exts == null || exts.isEmpty() ? " (all)" : " " + String.join(",", exts));
            case RESTORE -> "restore" + (order == null || order.isEmpty() ? "" : " order " + order);
            case RESET -> "reset " + (reset == null ? "shell" : reset.describe());
            case SLEEP -> "sleep " + sleepMs + " ms";
            case STATE, ERASE -> kind.key();
            default -> kind.key() + " " + (exts == null ? "" : String.join(",", exts));
        };
    }

    /** The YAML-like one-line form used in reports and the fuzzer's replay output. */
    public String describe() {
        String f = fault.any() ? " [fault " + fault.describe() + "]" : "";
        return label + f;
    }
}
