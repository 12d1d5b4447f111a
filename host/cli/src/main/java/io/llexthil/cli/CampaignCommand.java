package io.llexthil.cli;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * A command that runs a campaign on a board ({@code run}, {@code fuzz}, {@code sweep ...}): they all
 * take the board selection and the run-output options, and hand their work to {@link CampaignSession}.
 */
abstract class CampaignCommand implements Callable<Integer> {
    @Mixin
    BoardOptions board = new BoardOptions();

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    /** Runs {@code body} on the selected board in a new run directory named after {@code command}. */
    int execute(String command, CampaignSession.Body body) {
        return CampaignSession.execute(command, board, output, body);
    }
}
