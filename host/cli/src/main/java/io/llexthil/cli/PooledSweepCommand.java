package io.llexthil.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A sweep whose points are independent ({@code sweep alloc}, {@code sweep powercut}): it takes a
 * pool of boards and run control, and runs its points in order through {@link PooledCampaign} until
 * the point that ends it.
 */
abstract class PooledSweepCommand extends CampaignCommand {
    @Mixin
    PoolOptions pool = new PoolOptions();

    // run and fuzz take --shard; a sweep refuses it with the reason instead of "unknown option"
    @Option(names = "--shard", paramLabel = "SHARD", hidden = true, description = "Refused: a sweep cannot be split across jobs.")
    String shard;

    /** Runs the sweep's possible points, in order, on the selected pool. */
    int executeSweep(String command, List<PooledCampaign.CaseSpec> points, PooledCampaign.Finish finish) {
        if (shard != null) {
            throw new ConfigException("--shard " + shard + ": a sweep ends at a point it finds while it runs, so its points"
                    + " cannot be split across jobs by name; run the sweep whole, on a pool of boards (--pool sim:4)");
        }
        var control = pool.control();
        var members = PoolBoards.resolve(board, pool, Cli.bridge());
        return PooledCampaign.executeSequence(command, members, output, flash, control, pool.busyWait(),
                new LinkedHashMap<>(), points, finish);
    }
}
