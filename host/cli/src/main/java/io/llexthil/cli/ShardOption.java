package io.llexthil.cli;

import io.llexthil.campaign.pool.Shard;
import picocli.CommandLine.Option;

/**
 * {@code --shard K/N} for {@code run} and {@code fuzz}. The sweeps do not take it: a sweep ends at a
 * point found while it runs, so its points cannot be split by name ahead of time.
 */
public final class ShardOption {
    @Option(names = "--shard", paramLabel = "SHARD",
            description = "Run only shard K of N (a stable split by case name, the same on every machine); merge with llext-hil report merge.")
    String shard;

    /** The shard, or {@link Shard#ALL}. */
    Shard shard() {
        try {
            return shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
