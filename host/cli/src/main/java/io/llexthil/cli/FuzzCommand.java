package io.llexthil.cli;

import io.llexthil.campaign.fuzz.FuzzCampaign;
import io.llexthil.campaign.fuzz.SequenceGenerator;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.llexthil.campaign.run.RunListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Random step sequences (load, unload, save, reset, restore, faults) checked against the twin.",
                "A failing sequence is shrunk to a minimal one and printed with the seed that replays it."})
final class FuzzCommand extends PooledCommand {
    @Option(names = "--seed", paramLabel = "SEED", description = "First seed (sequence i uses S+i). Default: random, printed.")
    Long seed;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20", description = "Sequences to run. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--min-steps", paramLabel = "N", defaultValue = "4", description = "Fewest random steps in a sequence. Default: ${DEFAULT-VALUE}.")
    int minSteps;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "16", description = "Most random steps in a sequence. Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Option(names = "--ext", paramLabel = "NAME", split = ",", description = "Extension pool (default: producer,consumer,counter,noexp).")
    List<String> extensions = new ArrayList<>(SequenceGenerator.DEFAULT_POOL);

    @Option(names = "--shrink-attempts", paramLabel = "N", defaultValue = "60", description = "Board runs allowed for shrinking one failure. Default: ${DEFAULT-VALUE}.")
    int shrinkAttempts;

    @Override
    public Integer call() {
        if (minSteps < 1 || maxSteps < minSteps) {
            throw new ConfigException("--min-steps " + minSteps + " --max-steps " + maxSteps + ": need 1 <= min <= max");
        }
        if (count < 1) {
            throw new ConfigException("--count " + count + ": need at least 1");
        }
        output.checkExtensions("--ext", extensions);
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 48);
        Cli.err().println("fuzz: seed " + s + " (replay with --seed " + s + ")");
        List<FuzzCampaign.Finding> findings = Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("seed", s);
        meas.put("count", count);
        SequenceGenerator generator = new SequenceGenerator(extensions, minSteps, maxSteps);
        // one case per seed: any board of a pool can run it, and a shard takes whole seeds
        List<PooledCampaign.CaseSpec> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seedI = s + i;
            cases.add(new PooledCampaign.CaseSpec("fuzz seed " + seedI, "fuzz", (board, dir) ->
                    new FuzzCampaign(board.runner(), generator, shrinkAttempts).run(seedI, 1, dir, findings, RunListener.NONE).get(0)));
        }
        int rc = executePooled("fuzz", meas, cases);
        findings.sort(Comparator.comparingLong(FuzzCampaign.Finding::seed));
        for (FuzzCampaign.Finding f : findings) {
            Cli.out().println();
            Cli.out().println("divergence from seed " + f.seed() + ": " + f.message());
            String profile = output.profile.equals("upstream") ? "" : " --profile " + output.profile;
            Cli.out().println("shrunk from " + f.originalSteps() + " to " + f.minimal().size() + " steps; replay: llext-hil fuzz --seed "
                    + f.seed() + " --count 1" + profile + "   or   llext-hil run" + profile + " " + f.yaml());
            Cli.out().print(ScenarioWriter.toYaml(HilScenario.numbered("fuzz-" + f.seed() + "-minimal", "", "", true, f.minimal())));
        }
        return rc;
    }
}
