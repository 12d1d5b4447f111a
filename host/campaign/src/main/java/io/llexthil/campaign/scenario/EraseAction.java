package io.llexthil.campaign.scenario;

import io.llexthil.campaign.twin.TwinResult;

/** {@code erase: {}}: {@code hil ctx erase} (both slots); the twin has no context any more. */
public record EraseAction() implements StepAction {
    static final String KEY = "erase";

    static EraseAction parse(StepYaml y) {
        if (!StepYaml.isEmpty(y.value())) {
            throw y.fail(y.key(), "takes no arguments; write 'erase: {}'");
        }
        return new EraseAction();
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY; }

    @Override
    public String yaml() { return "{}"; }

    @Override
    public TwinResult predict(StepRun run) { return run.twin().erase(); }

    @Override
    public void perform(StepRun run) { run.observed().put("rc", run.board().ctxErase().rc()); }

    @Override
    public boolean touchesContext() { return true; }

    @Override
    public boolean usesTestCommands() { return true; }
}
