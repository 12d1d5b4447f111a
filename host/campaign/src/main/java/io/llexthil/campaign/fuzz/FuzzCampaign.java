package io.llexthil.campaign.fuzz;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioWriter;
import io.llexthil.campaign.scenario.Step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fuzz --seed S}: runs {@code count} random sequences (seeds S, S+1, ...) on the board and in
 * the twin. A sequence that diverges is shrunk to a minimal one, which is written to the run
 * directory as a scenario YAML ({@code fuzz-<seed>-minimal.yaml}, runnable with {@code llext-hil run})
 * and reported with the seed that replays it.
 */
public final class FuzzCampaign {
    private final ScenarioRunner runner;
    private final SequenceGenerator generator;
    private final int shrinkAttempts;

    public FuzzCampaign(ScenarioRunner runner, SequenceGenerator generator, int shrinkAttempts) {
        this.runner = runner;
        this.generator = generator;
        this.shrinkAttempts = shrinkAttempts;
    }

    /** One finding: the seed, the original and the shrunk sequence, and the YAML file. */
    public record Finding(long seed, int originalSteps, List<Step> minimal, Path yaml, String message) { }

    public List<CaseResult> run(long seed, int count, Path runDir, List<Finding> findings, RunListener listener) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long s = seed + i;
            listener.caseStarted("fuzz seed " + s, i, count);
            List<Step> steps = generator.generate(s);
            CaseResult r = runSequence(s, "", steps);
            if (r.status() == CaseStatus.FAIL) {
                Shrinker shrinker = new Shrinker(shrinkAttempts);
                List<Step> minimal = shrinker.shrink(steps, c -> runSequence(s, " (shrinking)", c).status() == CaseStatus.FAIL);
                CaseResult m = runSequence(s, " minimal", minimal);
                Path yaml = write(runDir, s, minimal);
                findings.add(new Finding(s, steps.size(), minimal, yaml, m.message()));
                Map<String, Object> meas = new LinkedHashMap<>(r.measurements());
                meas.put("minimal_steps", minimal.size());
                meas.put("shrink_attempts", shrinker.attempts());
                meas.put("replay", "llext-hil fuzz --seed " + s + " --count 1  (or: llext-hil run " + yaml + ")");
                r = new CaseResult(r.name(), r.group(), r.description(), r.source(), r.status(), m.steps(), meas,
                        m.message(), r.started(), r.millis());
            }
            // full detail only where it matters (failing and shrunk cases): a passing sequence is kept as
            // its summary line, so a run of thousands of sequences holds, journals and reports little per
            // case; the listener (the case journal, an interrupted run's report) gets that same form
            CaseResult kept = r.status() == CaseStatus.PASS ? r.summary() : r;
            listener.caseDone(kept);
            out.add(kept);
        }
        return out;
    }

    private CaseResult runSequence(long seed, String suffix, List<Step> steps) {
        HilScenario sc = HilScenario.numbered("fuzz seed " + seed + suffix, "random sequence from seed " + seed,
                "fuzz --seed " + seed, true, steps);
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("seed", seed);
        meas.put("steps", steps.size());
        return runner.run(sc, "fuzz", meas);
    }

    private static Path write(Path runDir, long seed, List<Step> minimal) {
        HilScenario sc = HilScenario.numbered("fuzz-" + seed + "-minimal", "shrunk from the sequence of seed " + seed,
                "fuzz --seed " + seed, true, minimal);
        Path file = runDir.resolve("fuzz-" + seed + "-minimal.yaml");
        try {
            Files.writeString(file, ScenarioWriter.toYaml(sc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
