package io.llexthil.cli;

import io.llexthil.campaign.pool.Shard;
import io.llexthil.campaign.report.RunMerge;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign of independent cases ({@code run}, {@code fuzz}): besides the board and output options
 * it takes a pool of boards, a CI shard and run control, and runs through {@link PooledCampaign}.
 */
abstract class PooledCommand extends CampaignCommand {
    @Mixin
    PoolOptions pool = new PoolOptions();

    @Mixin
    ShardOption shardOption = new ShardOption();

    /** Runs this shard of {@code all} on the selected pool; {@code measurements} are the run's own numbers. */
    int executePooled(String command, Map<String, Object> measurements, List<PooledCampaign.CaseSpec> all) {
        Shard shard = shardOption.shard();
        var control = pool.control();
        List<PooledCampaign.CaseSpec> selected = shard.select(all, PooledCampaign.CaseSpec::name);
        Map<String, Object> meas = new LinkedHashMap<>(measurements);
        if (!shard.equals(Shard.ALL)) {
            if (selected.isEmpty()) {
                throw new ConfigException("--shard " + shard + ": no case of the " + all.size()
                        + " falls in this shard; use fewer shards");
            }
            meas.put(RunMerge.SHARD, shard.toString());
            // lets report merge put the shards' cases back in run order
            meas.put(RunMerge.CASE_ORDER, all.stream().map(PooledCampaign.CaseSpec::name).toList());
        }
        var members = PoolBoards.resolve(board, pool, Cli.bridge());
        return PooledCampaign.execute(command, members, output, flash, control, pool.busyWait(), meas, selected);
    }
}
