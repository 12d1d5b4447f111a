package io.llexthil.campaign.twin;

import io.llexthil.campaign.facts.ExtView;
import io.llexthil.campaign.facts.SlotView;

import java.util.List;

/**
 * The twin's predicted board state after a step. Null heap parts are not predicted (not compared).
 *
 * @param exts       the global list in order
 * @param heapUsed   LLEXT heap bytes in use
 * @param heapAllocs live LLEXT heap allocations
 * @param ctxSaved   the extensions of the context a restore would use, or null when there is none
 *                   usable (erased, never saved, or written by another build)
 * @param active     the slot a restore would use ({@code A}/{@code B}), or null for none
 * @param slots      both slots' metadata, or null when the twin cannot know them (after a power cut
 *                   that left a half-written slot, until the next erase)
 */
public record TwinView(List<ExtView> exts, Long heapUsed, Long heapAllocs, List<String> ctxSaved, String active,
                       List<SlotView> slots) {

    public TwinView(List<ExtView> exts, Long heapUsed, Long heapAllocs, List<String> ctxSaved) {
        this(exts, heapUsed, heapAllocs, ctxSaved, null, null);
    }
}
