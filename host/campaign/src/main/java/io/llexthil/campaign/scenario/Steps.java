package io.llexthil.campaign.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds steps and scenarios in code (sweeps, the fuzzer, tests). Indices are assigned by {@link #scenario}. */
public final class Steps {
    private Steps() { }

    public static Step upload(List<String> images) {
        return new Step(0, StepKind.UPLOAD, images, null, null, null, null, null, null, 0, null, null);
    }

    public static Step load(String ext) {
        return new Step(0, StepKind.LOAD, List.of(ext), null, null, null, null, null, null, 0, null, null);
    }

    public static Step unload(String ext) {
        return new Step(0, StepKind.UNLOAD, List.of(ext), null, null, null, null, null, null, 0, null, null);
    }

    public static Step call(String ext, String symbol, ExpectValue expect) {
        return new Step(0, StepKind.CALL, List.of(ext), symbol, expect, null, null, null, null, 0, null, null);
    }

    public static Step save(List<String> names) {
        return new Step(0, StepKind.SAVE, names, null, null, null, null, null, null, 0, null, null);
    }

    public static Step restore(List<Integer> order) {
        return new Step(0, StepKind.RESTORE, null, null, null, null, order, null, null, 0, null, null);
    }

    public static Step state() {
        return new Step(0, StepKind.STATE, null, null, null, null, null, null, null, 0, null, null);
    }

    public static Step erase() {
        return new Step(0, StepKind.ERASE, null, null, null, null, null, null, null, 0, null, null);
    }

    public static Step reset(ResetSpec spec) {
        return new Step(0, StepKind.RESET, null, null, null, null, null, spec, null, 0, null, null);
    }

    /** The same step with faults armed before it. */
    public static Step withFault(Step s, StepFaults fault) {
        return new Step(s.index(), s.kind(), s.exts(), s.symbol(), s.expect(), s.expectRc(), s.order(), s.reset(),
                fault, s.sleepMs(), s.expectExts(), null);
    }

    /** A scenario of these steps, numbered in order. */
    public static HilScenario scenario(String name, String description, String source, boolean fresh, List<Step> steps) {
        List<Step> numbered = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            numbered.add(steps.get(i).withIndex(i));
        }
        return new HilScenario(name, description, source, null, Map.of(), fresh, numbered, null);
    }
}
