package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;
import java.util.Set;

/**
 * {@code state: {}} or {@code state: [producer, consumer]}: no command of its own (the runner
 * reads {@code hil state} after every step); with a list, the scenario requires exactly that
 * global list.
 *
 * @param expectExts the required list in order, or null when not checked
 */
public record StateAction(List<String> expectExts) implements StepAction {
    static final String KEY = "state";

    public StateAction {
        expectExts = expectExts == null ? null : List.copyOf(expectExts);
    }

    static StateAction parse(StepYaml y) {
        JsonNode v = y.value();
        if (StepYaml.isEmpty(v)) {
            return new StateAction(null);
        }
        if (v.isObject()) {
            y.onlyKeys(v, Set.of("exts"), y.key());
            return new StateAction(y.names(v.get("exts"), y.key() + ".exts", true));
        }
        return new StateAction(y.names(v, y.key(), true));
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY; }

    @Override
    public String yaml() { return expectExts == null ? "{}" : ScenarioWriter.list(expectExts); }

    @Override
    public TwinResult predict(StepRun run) { return TwinResult.none(); }

    /** Nothing of its own: the runner reads {@code hil state} after every step. */
    @Override
    public void perform(StepRun run) { }

    @Override
    public void checkAfter(Facts observed, StepRun run) {
        if (expectExts != null && observed.has("list")) {
            String want = Facts.listText(expectExts);
            if (!want.equals(observed.get("list"))) {
                run.scenarioDifference("list", want, observed.get("list"));
            }
        }
    }
}
