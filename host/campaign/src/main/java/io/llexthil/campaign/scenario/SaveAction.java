package io.llexthil.campaign.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;
import java.util.Set;

/**
 * {@code save: all} or {@code save: [consumer, producer]}: {@code hil ctx save}, and the twin's
 * {@code llext_relink_dependency} on the copies. With {@code fault: {flash: n}} the power is cut
 * during the save instead, and the board must come back with the previous or the new context.
 *
 * @param exts the names to save in that order; empty = every loaded extension in list order
 */
public record SaveAction(List<String> exts) implements StepAction {
    static final String KEY = "save";

    public SaveAction {
        exts = List.copyOf(exts);
    }

    static SaveAction parse(StepYaml y) {
        JsonNode v = y.value();
        if (v != null && v.isTextual() && v.asText().equals("all")) {
            return new SaveAction(List.of());
        }
        if (v != null && v.isObject()) {
            y.onlyKeys(v, Set.of("exts"), y.key());
            return new SaveAction(v.has("exts") ? y.names(v.get("exts"), y.key() + ".exts", true) : List.of());
        }
        return new SaveAction(y.names(v, y.key(), true));
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + (exts.isEmpty() ? " (all)" : " " + String.join(",", exts)); }

    @Override
    public String yaml() { return exts.isEmpty() ? "all" : ScenarioWriter.list(exts); }

    /** No prediction for a save the power is cut in: the twin follows the board's outcome instead. */
    @Override
    public TwinResult predict(StepRun run) {
        return run.faults().flash() > 0 ? TwinResult.none() : run.twin().save(exts);
    }

    @Override
    public void perform(StepRun run) {
        if (run.faults().flash() > 0) {
            run.markReset();
            run.powerCutSave(exts);
        } else {
            run.observeExtensions(run.board().ctxSave(exts), "saved");
        }
    }

    @Override
    public boolean touchesContext() { return true; }

    @Override
    public boolean takesFlashFault() { return true; }

    @Override
    public List<String> extensions() { return exts; }
}
