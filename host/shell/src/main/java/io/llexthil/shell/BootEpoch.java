package io.llexthil.shell;

import java.time.Instant;

/**
 * One boot of a board: begins at a banner (or at attach, epoch 0, when none was seen).
 *
 * @param number  0 for the boot seen at attach, then 1, 2, ...
 * @param banner  the banner line, or empty when the boot was seen without one
 * @param started when the banner arrived
 */
public record BootEpoch(int number, String banner, Instant started) {
}
