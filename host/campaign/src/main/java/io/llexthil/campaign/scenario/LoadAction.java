package io.llexthil.campaign.scenario;

import io.llexthil.campaign.twin.TwinResult;

import java.util.List;

/** {@code load: producer}: {@code hil load}; the twin loads the same image (its exports and imports). */
public record LoadAction(String ext) implements StepAction {
    static final String KEY = "load";

    static LoadAction parse(StepYaml y) {
        return new LoadAction(y.name(y.value(), y.key()));
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + ext; }

    @Override
    public String yaml() { return ext; }

    @Override
    public TwinResult predict(StepRun run) { return run.twin().load(ext, run.image(ext)); }

    @Override
    public void perform(StepRun run) { run.observeReply(run.board().load(ext), "use_count"); }

    @Override
    public List<String> extensions() { return List.of(ext); }
}
