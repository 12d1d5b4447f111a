package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;
import java.util.Set;

/**
 * {@code restore: {}} or {@code restore: {order: [1, 0]}}: {@code hil ctx restore}, and the twin's
 * {@code llext_restore} on the saved copies in that order.
 *
 * @param order the order the saved copies are handed to {@code llext_restore}; empty = saved order
 */
public record RestoreAction(List<Integer> order) implements StepAction {
    static final String KEY = "restore";

    public RestoreAction {
        order = List.copyOf(order);
    }

    static RestoreAction parse(StepYaml y) {
        JsonNode v = y.value();
        if (v != null && v.isObject()) {
            y.onlyKeys(v, Set.of("order"), y.key());
            return new RestoreAction(v.has("order") ? y.indices(v.get("order"), y.key() + ".order") : List.of());
        }
        if (v != null && !v.isNull()) {
            throw y.fail(y.key(), "expected {} or {order: [i, j, ...]}");
        }
        return new RestoreAction(List.of());
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + (order.isEmpty() ? "" : " order " + order); }

    @Override
    public String yaml() { return order.isEmpty() ? "{}" : "{order: " + order + "}"; }

    @Override
    public TwinResult predict(StepRun run) { return run.twin().restore(order); }

    @Override
    public void perform(StepRun run) { run.observeExtensions(run.board().ctxRestore(order), "restored"); }

    @Override
    public boolean touchesContext() { return true; }

    /** {@code order} is a test argument: boards built without the test commands refuse it. */
    @Override
    public boolean usesTestCommands() { return !order.isEmpty(); }
}
