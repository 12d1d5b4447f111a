package io.llexthil.cli;

import io.llexthil.shell.BoardProfile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A sweep ({@code sweep alloc}, {@code sweep powercut}, {@code sweep heap}): it takes a
 * pool of boards and run control, and runs its points in order through {@link PooledCampaign} until
 * the point that ends it.
 */
abstract class PooledSweepCommand extends CampaignCommand {
    @Mixin
    PoolOptions pool = new PoolOptions();

    // run and fuzz take --shard; a sweep refuses it with the reason instead of "unknown option"
    @Option(names = "--shard", paramLabel = "SHARD", hidden = true, description = "Refused: a sweep cannot be split across jobs.")
    String shard;

    /** Refuses (one line) a board this sweep cannot run on; any board by default. */
    void checkBoard(BoardProfile profile) { }

    /** Runs the sweep's possible points, in order, on the selected pool. */
    int executeSweep(String command, List<PooledCampaign.CaseSpec> points, PooledCampaign.Finish finish) {
        return executeSweeps(command, List.of(points), finish);
    }

    /** Runs several sequences of possible points, one after the other, each in order, on the selected pool. */
    int executeSweeps(String command, List<List<PooledCampaign.CaseSpec>> sequences, PooledCampaign.Finish finish) {
        if (shard != null) {
            throw new ConfigException("--shard " + shard + ": a sweep ends at a point it finds while it runs, so its points"
                    + " cannot be split across jobs by name; run the sweep whole, on a pool of boards (--pool sim:4)");
        }
        var control = pool.control();
        var members = PoolBoards.resolve(board, pool, Cli.bridge());
        members.forEach(m -> checkBoard(m.profile()));
        return PooledCampaign.executeSequences(command, members, output, flash, control, pool.busyWait(),
                new LinkedHashMap<>(), sequences, finish);
    }
}
