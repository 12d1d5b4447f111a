package io.llexthil.campaign.scenario;

import io.llexthil.board.UploadProgress;
import io.llexthil.board.UploadResult;
import io.llexthil.campaign.twin.TwinResult;

import java.util.List;

/** {@code upload: [a, b]}: puts images into the board's image store; the twin only notes the names. */
public record UploadAction(List<String> images) implements StepAction {
    static final String KEY = "upload";

    public UploadAction {
        images = List.copyOf(images);
    }

    static UploadAction parse(StepYaml y) {
        return new UploadAction(y.names(y.value(), y.key(), false));
    }

    @Override
    public String key() { return KEY; }

    @Override
    public String label() { return KEY + " " + String.join(",", images); }

    @Override
    public String yaml() { return ScenarioWriter.list(images); }

    /** The twin notes every name (rc 0); the first failing result would win. */
    @Override
    public TwinResult predict(StepRun run) {
        TwinResult prediction = TwinResult.none();
        for (String image : images) {
            TwinResult t = run.twin().upload(image);
            if (prediction.rc() == null || t.rc() != 0) {
                prediction = t;
            }
        }
        return prediction;
    }

    /** Observed rc: the first upload's, or the last failing one's. */
    @Override
    public void perform(StepRun run) {
        for (String image : images) {
            UploadResult u = run.board().upload(image, run.image(image), UploadProgress.NONE);
            if (u.reply().rc() != 0 || !run.observed().has("rc")) {
                run.observed().put("rc", u.reply().rc());
            }
        }
    }

    @Override
    public boolean keptWhenShrinking() { return true; }

    @Override
    public List<String> extensions() { return images; }
}
