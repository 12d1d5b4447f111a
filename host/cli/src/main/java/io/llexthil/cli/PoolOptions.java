package io.llexthil.cli;

import io.llexthil.campaign.pool.RunControl;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * Pools of boards and run control for {@code run}, {@code fuzz} and the sweeps (docs/cli.md,
 * docs/boards.md); CI shards are {@link ShardOption}.
 */
public final class PoolOptions {
    @Option(names = "--pool", paramLabel = "SPEC",
            description = {"Add N copies of a board the tool starts itself (sim, a qemu: board) to the pool, e.g. --pool sim:4.",
                    "Cases (sweep points) run in parallel, each wholly on one board."})
    List<String> specs = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "Pool every connected board of the inventory (with --hardware-map: its entries) whose platform is PLATFORM.")
    String platform;

    @Option(names = "--retry-failed", paramLabel = "N", defaultValue = "0",
            description = "Run a failed case up to N more times; a case that then passes is reported as flaky. Default: ${DEFAULT-VALUE}.")
    int retryFailed;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "0",
            description = "Stop taking new cases after N failed cases (0: never). Default: ${DEFAULT-VALUE}.")
    int maxFailures;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Time for the whole run (e.g. 30m, 90s); running cases are aborted and the reports are written.")
    String timeout;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "Wait up to DURATION for a board that someone else holds (a local lock, a ser2net port in use) instead of failing.")
    String waitForBusy;

    /** How long to wait for a busy board (zero: do not wait). */
    java.time.Duration busyWait() {
        try {
            return waitForBusy == null ? java.time.Duration.ZERO : RunControl.parseDuration(waitForBusy.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().replace("--timeout", "--wait"));
        }
    }

    /** The run control, or a one-line configuration error. */
    RunControl control() {
        try {
            return new RunControl(retryFailed, maxFailures, timeout == null ? null : RunControl.parseDuration(timeout));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
