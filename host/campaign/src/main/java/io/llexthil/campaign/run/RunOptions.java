package io.llexthil.campaign.run;

import java.time.Duration;

/**
 * Timeouts and knobs of a run.
 *
 * @param stepTimeout   one command
 * @param resetTimeout  a reset, until the board is ready again
 * @param uploadTimeout one upload (scaled by nothing: images are small)
 * @param excerptLines  transcript lines kept either side of a step in the report
 */
public record RunOptions(Duration stepTimeout, Duration resetTimeout, Duration uploadTimeout, int excerptLines) {

    public static RunOptions defaults() {
        return new RunOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 2);
    }
}
