package io.llexthil.campaign.scenario;

import io.llexthil.campaign.twin.TwinResult;

import java.util.List;

/** {@code unload: producer}: {@code hil unload}, and the twin's {@code llext_unload}. */
public record UnloadAction(String ext) implements StepAction {
    static final String KEY = "unload";

    static UnloadAction parse(StepYaml y) {
        return new UnloadAction(y.name(y.value(), y.key()));
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + ext; }

    @Override
    public String yaml() { return ext; }

    @Override
    public TwinResult predict(StepRun run) { return run.twin().unload(ext); }

    @Override
    public void perform(StepRun run) { run.observeReply(run.board().unload(ext), "use_count"); }

    @Override
    public List<String> extensions() { return List.of(ext); }
}
