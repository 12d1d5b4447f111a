package io.llexthil.campaign.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns list/heap/slot views into {@link Facts}, the same way for the board and for the twin. */
public final class StateFacts {
    private StateFacts() { }

    public static void putList(Facts f, List<ExtView> exts) {
        f.put("list", exts.stream().map(ExtView::name).toList());
        Map<String, Integer> seen = new HashMap<>();
        for (ExtView e : exts) {
            int occurrence = seen.merge(e.name(), 1, Integer::sum);
            f.put(Facts.extKey(e.name(), occurrence, "use_count"), e.useCount());
            f.put(Facts.extKey(e.name(), occurrence, "deps"), e.deps());
            f.put(Facts.extKey(e.name(), occurrence, "exp"), e.exportedSymbols());
            f.put(Facts.extKey(e.name(), occurrence, "sect"), e.sections());
            if (e.allocBytes() != null) {
                f.put(Facts.extKey(e.name(), occurrence, "alloc"), e.allocBytes());
            }
        }
    }

    public static void putHeap(Facts f, Long used, Long allocs) {
        if (used != null) {
            f.put("heap.used", used);
        }
        if (allocs != null) {
            f.put("heap.allocs", allocs);
        }
    }

    public static void putSlots(Facts f, String active, List<SlotView> slots) {
        f.put("ctx.active", active);
        for (SlotView s : slots) {
            String p = "ctx." + s.slot() + ".";
            f.put(p + "valid", s.valid());
            if (s.valid()) {
                f.put(p + "seq", s.seq());
                f.put(p + "n", s.n());
                f.put(p + "exts", s.exts());
                f.put(p + "build_match", s.buildMatch());
            }
        }
    }
}
