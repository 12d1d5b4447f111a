package io.llexthil.twin.model;

import io.llexthil.twin.TargetSizes;

import java.util.ArrayList;
import java.util.List;

/**
 * The LLEXT state the algorithm touches: the global list, the heap, every struct llext by
 * address (copies and heap objects, including freed ones, whose stale contents stay readable),
 * the log and the undefined-behaviour events.
 */
public final class Machine {
    public final TargetSizes sizes;
    public final Heap heap;
    public final LlextList list = new LlextList();
    /** The caller's flat array of copies: copies.get(i) lives at Addresses.copy(i). */
    private final List<LlextStruct> copies = new ArrayList<>();
    public final List<LogLine> log = new ArrayList<>();
    public final List<UbEvent> ub = new ArrayList<>();
    /** Why the last call failed, in the twin's words (not a C log line); null when it did not. */
    public String failureCause;

    public Machine(TargetSizes sizes, int heapCapacity, HeapModel heapModel) {
        this.sizes = sizes;
        this.heap = new Heap(heapCapacity, heapModel, sizes.ptr());
    }

    public void err(String function, String message) {
        log.add(new LogLine("err", function, message));
    }

    public void dbg(String function, String message) {
        log.add(new LogLine("dbg", function, message));
    }

    /** Records that struct {@code s} now occupies its address (a copy slot or a heap block). */
    public void place(LlextStruct s) {
        int copy = copyIndex(s.address);
        if (copy >= 0) {
            while (copies.size() <= copy) {
                copies.add(null);
            }
            copies.set(copy, s);
        } else {
            HeapBlock b = heap.block(s.address);
            if (b == null) {
                throw new IllegalStateException("no memory at 0x" + Long.toHexString(s.address));
            }
            b.struct = s;
        }
    }

    /** The index of the copy slot at this exact address, or -1. */
    public int copyIndex(long address) {
        long off = address - Addresses.COPIES_BASE;
        if (off < 0 || address >= Addresses.SAVED_MAPS_BASE || off % sizes.llext() != 0) {
            return -1;
        }
        return (int) (off / sizes.llext());
    }

    /** The struct stored at this address (copies, heap objects live or freed), or null. */
    public LlextStruct structAt(long address) {
        int copy = copyIndex(address);
        if (copy >= 0) {
            return copy < copies.size() ? copies.get(copy) : null;
        }
        HeapBlock b = heap.block(address);
        return b == null ? null : b.struct;
    }

    /**
     * Dereferences a struct llext pointer. Freed heap objects read stale (a read-freed event);
     * an address holding no struct yields null (the caller reports the garbage read).
     */
    public LlextStruct deref(long address, java.util.function.Supplier<String> what, String site) {
        heap.noteRead(address, what, site);
        return structAt(address);
    }

    /**
     * Reads {@code s->dependency[j]} as the loop condition does: j == 8 reads one element past
     * the array, i.e. the next field {@code sect_cnt} (non-NULL iff sect_cnt != 0).
     */
    public long readDependency(LlextStruct s, int j, String site) {
        if (j < LlextStruct.MAX_DEPS) {
            return s.dependency[j];
        }
        ub.add(new UbEvent("out-of-bounds-read", site, "dependency[8] of '" + s.name
                + "' read past the array (the next field, sect_cnt = " + s.sectCnt + ")"));
        return s.sectCnt != 0 ? s.sectCnt : 0;
    }
}
