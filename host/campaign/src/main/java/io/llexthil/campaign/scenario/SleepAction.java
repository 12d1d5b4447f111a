package io.llexthil.campaign.scenario;

import io.llexthil.campaign.twin.TwinResult;

/** {@code sleep: 250}: waits on the host; neither the board nor the twin is asked anything. */
public record SleepAction(long millis) implements StepAction {
    static final String KEY = "sleep";
    private static final long MAX_MILLIS = 600_000;

    static SleepAction parse(StepYaml y) {
        var v = y.value();
        if (v == null || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_MILLIS) {
            throw y.fail(y.key(), "expected milliseconds, 0.." + MAX_MILLIS);
        }
        return new SleepAction(v.asLong());
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + millis + " ms"; }

    @Override
    public String yaml() { return Long.toString(millis); }

    @Override
    public TwinResult predict(StepRun run) { return TwinResult.none(); }

    @Override
    public void perform(StepRun run) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
