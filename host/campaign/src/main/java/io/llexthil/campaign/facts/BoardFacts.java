package io.llexthil.campaign.facts;

import io.llexthil.board.CtxInfo;
import io.llexthil.board.LlextState;

import java.util.List;

/** The board's {@code state} and {@code ctx info} as {@link Facts}. */
public final class BoardFacts {
    private BoardFacts() { }

    public static List<ExtView> exts(LlextState s) {
        return s.exts().stream().map(e -> new ExtView(e.name(), e.useCount(), e.deps(), e.exportedSymbols(),
                e.sections(), e.allocBytes())).toList();
    }

    public static void putState(Facts f, LlextState s) {
        StateFacts.putList(f, exts(s));
        StateFacts.putHeap(f, s.heap().used(), s.heap().allocs());
    }

    public static List<SlotView> slots(CtxInfo c) {
        return c.slots().stream().map(s -> new SlotView(s.slot(), s.valid(), s.seq(), s.n(), s.exts(), s.buildMatch())).toList();
    }

    /** Slot metadata, plus {@code ctx.saved}: what a restore would use (the field the twin predicts). */
    public static void putCtx(Facts f, CtxInfo c) {
        CtxInfo.Slot active = c.slots().stream().filter(s -> s.slot().equals(c.active())).findFirst().orElse(null);
        f.put("ctx.saved", active != null && active.valid() && active.buildMatch() ? Facts.listText(active.exts()) : "none");
        StateFacts.putSlots(f, c.active(), slots(c));
    }
}
