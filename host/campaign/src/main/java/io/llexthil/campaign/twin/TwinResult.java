package io.llexthil.campaign.twin;

import io.llexthil.campaign.facts.Facts;

/**
 * The twin's prediction for one command.
 *
 * @param rc    the predicted return code, or null when the twin makes no claim (e.g. a sleep)
 * @param crash the twin predicts a crash (heap corruption such as a double free)
 * @param extra further predicted reply fields (e.g. {@code use_count}, {@code saved})
 */
public record TwinResult(Integer rc, boolean crash, Facts extra) {

    public static TwinResult rc(int rc) { return new TwinResult(rc, false, new Facts()); }

    public static TwinResult none() { return new TwinResult(null, false, new Facts()); }

    public static TwinResult crashed() { return new TwinResult(null, true, new Facts()); }
}
