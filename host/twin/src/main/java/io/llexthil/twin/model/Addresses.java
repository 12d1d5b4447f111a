package io.llexthil.twin.model;

/**
 * Where things live in the modelled address space. The flat array of copies is the caller's
 * static buffer; saved section maps and symbol tables are caller memory too; the heap is
 * above all of them ({@link Heap#BASE}). Only the order of these regions matters to the
 * algorithm (pointer comparisons against the first and last copy).
 */
public final class Addresses {
    public static final long COPIES_BASE = 0x2001_0000L;
    public static final long SAVED_MAPS_BASE = 0x2004_0000L;
    public static final long SAVED_SYMS_BASE = 0x2006_0000L;
    /** A dependency pointer that points at no copy: a stale pre-reset heap address. */
    public static final long FOREIGN_BASE = 0x7000_0000L;

    private Addresses() {
    }

    public static long copy(int index, int structSize) {
        return COPIES_BASE + (long) index * structSize;
    }

    public static long savedMap(int index) {
        return SAVED_MAPS_BASE + (long) index * 0x1000;
    }

    public static long savedSyms(int index) {
        return SAVED_SYMS_BASE + (long) index * 0x1000;
    }

    public static long foreign(int index) {
        return FOREIGN_BASE + (long) index * 0x1000;
    }
}
