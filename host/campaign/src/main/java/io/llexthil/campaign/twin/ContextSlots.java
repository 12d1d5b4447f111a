package io.llexthil.campaign.twin;

import io.llexthil.campaign.facts.SlotView;

import java.util.ArrayList;
import java.util.List;

/**
 * The firmware's two context slots as the twin predicts them (docs/context-format.md): a save
 * writes the slot that does not hold the newest context of this build, with a sequence number one
 * above every slot's; a slot written by another build is not valid for this one; an erase clears
 * both. After a power cut that left a half-written slot the numbering is not predictable (a parsed
 * header may count), so the slots are unknown until the next erase.
 */
final class ContextSlots {
    private static final String[] NAMES = {"A", "B"};

    private record Slot(boolean written, long seq, List<String> exts, String build) { }

    private final Slot[] slots = {empty(), empty()};
    private boolean known = true;

    private static Slot empty() { return new Slot(false, 0, List.of(), null); }

    void save(List<String> exts, String build) {
        int keep = newest(build);
        if (keep < 0) {
            keep = newest(null); // keep another build's context if that is all there is
        }
        int target = keep == 0 ? 1 : 0;
        long seq = 1;
        for (Slot s : slots) {
            if (s.written() && s.seq() >= seq) {
                seq = s.seq() + 1;
            }
        }
        slots[target] = new Slot(true, seq, List.copyOf(exts), build);
    }

    void erase() {
        slots[0] = empty();
        slots[1] = empty();
        known = true;
    }

    void forget() { known = false; }

    /** The newest written slot of {@code build} (any build when null), or -1. */
    private int newest(String build) {
        int best = -1;
        for (int i = 0; i < 2; i++) {
            Slot s = slots[i];
            if (s.written() && (build == null || build.equals(s.build())) && (best < 0 || s.seq() > slots[best].seq())) {
                best = i;
            }
        }
        return best;
    }

    String active(String booted) {
        int i = newest(booted);
        return !known || i < 0 ? null : NAMES[i];
    }

    List<SlotView> view(String booted) {
        if (!known) {
            return null;
        }
        List<SlotView> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Slot s = slots[i];
            boolean valid = s.written() && booted.equals(s.build());
            out.add(new SlotView(NAMES[i], valid, s.seq(), s.exts().size(), s.exts(), valid));
        }
        return out;
    }
}
