package io.llexthil.board;

import java.util.List;

/** {@code hil ctx info}: both context slots and the one a restore would use. */
public record CtxInfo(String active, List<Slot> slots, String json) {

    public record Slot(String slot, boolean valid, String why, long seq, boolean buildMatch, int n,
                       List<String> exts, long bytes, long erases) { }

    /** Sum of the slots' erase counters (flash wear). */
    public long totalErases() { return slots.stream().mapToLong(Slot::erases).sum(); }
}
