package io.llexthil.campaign.twin;

import io.llexthil.campaign.run.ExtView;

import java.util.List;

/**
 * The twin's predicted board state after a step. Null heap parts are not predicted (not compared).
 *
 * @param exts       the global list in order
 * @param heapUsed   LLEXT heap bytes in use
 * @param heapAllocs live LLEXT heap allocations
 * @param ctxSaved   the extensions of the context a restore would use, or null when there is none
 *                   usable (erased, never saved, or written by another build)
 */
public record TwinView(List<ExtView> exts, Long heapUsed, Long heapAllocs, List<String> ctxSaved) { }
