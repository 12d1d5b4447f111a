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
                    "until a restore completes without reaching the fault. Reports the flash erases the sweep used (restores write none).",
                    "On a pool (--pool sim:2, --board a --board b) each board saves once and the points run in parallel, in order."})
    static final class Alloc extends PooledSweepCommand {
        @Option(names = "--ext", paramLabel = "NAME", split = ",", description = "Extensions to load and save (default: producer,consumer).")
        List<String> exts = new ArrayList<>(List.of("producer", "consumer"));

        @Option(names = "--max-k", paramLabel = "N", defaultValue = "200", description = "Give up after this many allocation points (the sweep normally ends by itself). Default: ${DEFAULT-VALUE}.")
        int maxK;

        @Override
        public Integer call() {
            output.checkExtensions("--ext", exts);
            if (maxK < 1) {
                throw new ConfigException("--max-k " + maxK + ": need at least 1 allocation point, e.g. --max-k 200");
            }
            AllocSweep sweep = new AllocSweep(exts, maxK);
            List<PooledCampaign.CaseSpec> cases = new ArrayList<>();
            cases.add(new PooledCampaign.CaseSpec("alloc-setup", "sweep-alloc", (board, dir) -> sweep.setup(board.runner()),
                    AllocSweep::setupEnds));
            for (int k = 1; k <= maxK; k++) {
                int kk = k;
                cases.add(new PooledCampaign.CaseSpec("alloc k=" + k, "sweep-alloc", (board, dir) -> sweep.point(board.runner(), kk),
                        AllocSweep::pointEnds));
            }
            return executeSweep("sweep-alloc", cases, (points, meas, stopped) -> sweep.finish(points, meas));
        }
    }

    @Command(name = "powercut", mixinStandardHelpOptions = true,
            description = {"For every flash operation n of a save: cut power at n, bring the board back, restore.",
                    "The context afterwards must be the previous one or the new one, never a torn one.",
                    "On a pool (--pool sim:2, --board a --board b) the points run in parallel, in order, each on one board."})
    static final class PowerCut extends PooledSweepCommand {
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
            if (maxN < 1) {
                throw new ConfigException("--max-n " + maxN + ": need at least 1 power-cut point, e.g. --max-n 500");
            }
            PowerCutSweep sweep = new PowerCutSweep(previous, added, maxN);
            List<PooledCampaign.CaseSpec> cases = new ArrayList<>();
            for (int n = 1; n <= maxN; n++) {
                int nn = n;
                cases.add(new PooledCampaign.CaseSpec("powercut n=" + n, "sweep-powercut", (board, dir) -> sweep.point(board.runner(), nn),
                        PowerCutSweep::pointEnds));
            }
            return executeSweep("sweep-powercut", cases, (points, meas, stopped) -> {
                sweep.summarize(points, meas, stopped);
                return points;
            });
        }
    }
}
