package io.llexthil.cli;

import io.llexthil.campaign.sweep.AllocSweep;
import io.llexthil.campaign.sweep.HeapSizeSweep;
import io.llexthil.campaign.sweep.PowerCutSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Fault sweeps: every allocation failure of a restore, every power-cut point of a save, every heap size.",
        subcommands = {SweepCommand.Alloc.class, SweepCommand.PowerCut.class, HeapSweepCommand.class})
final class SweepCommand extends CommandGroup {
    SweepCommand() {
        super("choose a sweep: alloc, powercut or heap");
    }

    @Command(name = "alloc", mixinStandardHelpOptions = true,
            description = {"Save once, then for k = 1, 2, ...: reset, fail the k-th LLEXT heap allocation, restore, diff with the twin;",
                    "until a restore completes without reaching the fault. Reports the flash erases the sweep used (restores write none)."})
    static final class Alloc extends CampaignCommand {
        @Option(names = "--ext", paramLabel = "NAME", split = ",", description = "Extensions to load and save (default: producer,consumer).")
        List<String> exts = new ArrayList<>(List.of("producer", "consumer"));

        @Option(names = "--max-k", paramLabel = "N", defaultValue = "200", description = "Give up after this many allocation points (the sweep normally ends by itself). Default: ${DEFAULT-VALUE}.")
        int maxK;

        @Override
        public Integer call() {
            output.checkExtensions("--ext", exts);
            return execute("sweep-alloc",
                    (runner, dir, meas, progress) -> new AllocSweep(runner, maxK).run(exts, meas, progress));
        }
    }

    @Command(name = "powercut", mixinStandardHelpOptions = true,
            description = {"For every flash operation n of a save: cut power at n, bring the board back, restore.",
                    "The context afterwards must be the previous one or the new one, never a torn one."})
    static final class PowerCut extends CampaignCommand {
        @Option(names = "--previous", paramLabel = "NAME", split = ",", description = "Extensions of the previous context (default: producer).")
        List<String> previous = new ArrayList<>(List.of("producer"));

        @Option(names = "--added", paramLabel = "NAME", split = ",", description = "Extensions loaded before the interrupted save (default: consumer).")
        List<String> added = new ArrayList<>(List.of("consumer"));

        @Option(names = "--max-n", paramLabel = "N", defaultValue = "500", description = "Give up after this many power-cut points (the sweep normally ends by itself). Default: ${DEFAULT-VALUE}.")
        int maxN;

        @Override
        public Integer call() {
            output.checkExtensions("--previous", previous);
            output.checkExtensions("--added", added);
            return execute("sweep-powercut",
                    (runner, dir, meas, progress) -> new PowerCutSweep(runner, maxN).run(previous, added, meas, progress));
        }
    }
}
