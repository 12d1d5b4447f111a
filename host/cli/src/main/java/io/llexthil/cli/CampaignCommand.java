package io.llexthil.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import java.util.concurrent.Callable;

/**
 * A command that runs a campaign on a board ({@code run}, {@code fuzz}, {@code sweep ...}): they all
 * take the board selection and the run-output options, and hand their work to {@link PooledCampaign}
 * (one board or several).
 */
abstract class CampaignCommand implements Callable<Integer> {
    @Mixin
    BoardOptions board = new BoardOptions();

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    @Option(names = "--flash", paramLabel = "BUILD_DIR",
            description = "Flash this build directory with the board's flash step (flash: or runner: in its profile or"
                    + " hardware-map entry) before the run, and check that the board reports a new build id.")
    Path flash;
}
