package io.llexthil.campaign.run;

import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.scenario.ExpectValue;
import io.llexthil.campaign.scenario.Step;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What a scenario itself requires of a step, beyond the twin: return codes, lists, call values. */
final class ScenarioChecks {
    private ScenarioChecks() { }

    /** A call's value against the step's {@code expect}; remembers it for a later {@code previous}. */
    static void call(Step step, Map<String, Long> lastValue, long value, List<Difference> diffs) {
        String key = step.ext() + " " + step.symbol();
        Long prev = lastValue.get(key);
        OptionalLong want = step.expect().resolve(prev == null ? OptionalLong.empty() : OptionalLong.of(prev));
        if (step.expect().kind() == ExpectValue.Kind.PREVIOUS && prev == null) {
            diffs.add(new Difference(step.index(), step.describe(), "call.value", "scenario",
                    step.expect() + " (no earlier value of this call in the scenario)", Long.toString(value), List.of()));
        } else if (want.isPresent() && want.getAsLong() != value) {
            diffs.add(new Difference(step.index(), step.describe(), "call.value", "scenario",
                    want.getAsLong() + " (" + step.expect() + ")", Long.toString(value), List.of()));
        }
        lastValue.put(key, value);
    }

    /** {@code expect_rc}, and a {@code state} step's required list. */
    static void step(Step step, Facts observed, List<Difference> diffs) {
        if (step.expectRc() != null) {
            String o = observed.has("rc") ? observed.get("rc") : Difference.ABSENT;
            if (!o.equals(step.expectRc().toString())) {
                diffs.add(new Difference(step.index(), step.describe(), "rc", "scenario", step.expectRc().toString(), o, List.of()));
            }
        }
        if (step.expectExts() != null && observed.has("list")) {
            String want = Facts.listText(step.expectExts());
            if (!want.equals(observed.get("list"))) {
                diffs.add(new Difference(step.index(), step.describe(), "list", "scenario", want, observed.get("list"), List.of()));
            }
        }
    }
}
