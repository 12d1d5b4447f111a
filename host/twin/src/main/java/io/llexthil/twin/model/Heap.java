package io.llexthil.twin.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The LLEXT heap as the C code sees it through llext_alloc / llext_free: every call, its size,
 * owner and call site. Misuse (double free, free of a foreign pointer, reading freed memory)
 * is recorded as an event, never thrown: these are outcomes to predict.
 *
 * <p>Addresses are identities, not a layout: blocks get increasing addresses and are never
 * reused, which is exact for every path of the algorithm (no allocation happens between a
 * free and the stale read of the same block). {@code used} is the sum of requested sizes of
 * live blocks, as the boards report it (no chunk overhead is modelled).
 */
public final class Heap {
    public static final long BASE = 0x2010_0000L;

    private final int capacity;
    /** Every block ever allocated, in address order (= id order: addresses only grow). */
    private final List<HeapBlock> blocks = new ArrayList<>(32);
    private int liveCount;
    private final List<HeapEvent> events = new ArrayList<>(64);
    private long nextAddress = BASE;
    private int nextId = 1;
    private int used;
    private int maxUsed;
    private int allocCalls;
    private int faultCountdown;
    private int exhaustBelow;

    public Heap(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("heap capacity " + capacity + " < 0");
        }
        this.capacity = capacity;
    }

    /** The k-th allocator call from now returns NULL (k >= 1, one shot); 0 disarms. */
    public void failAllocation(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("fault point " + k + " < 0");
        }
        faultCountdown = k;
    }

    /** Every allocator call fails while fewer than {@code bytes} are free (0 = off). */
    public void exhaustBelow(int bytes) {
        exhaustBelow = Math.max(0, bytes);
    }

    public int faultArmed() {
        return faultCountdown;
    }

    /** llext_alloc: returns the new block's address, or 0 (NULL). Every call counts. */
    public long alloc(int size, String owner, String site) {
        allocCalls++;
        String nullReason = null;
        if (faultCountdown > 0 && --faultCountdown == 0) {
            nullReason = "injected fault";
        } else if (size == 0) {
            nullReason = "zero-size request (sys_heap returns NULL)";
        } else if (exhaustBelow > 0 && free() < exhaustBelow) {
            nullReason = "exhaustion: " + free() + " bytes free < " + exhaustBelow;
        } else if (size > free()) {
            nullReason = "heap full: " + size + " requested, " + free() + " free";
        }
        if (nullReason != null) {
            events.add(new HeapEvent("alloc-null", allocCalls, 0, 0, size, owner, site, nullReason));
            return 0;
        }
        HeapBlock b = new HeapBlock(nextId++, nextAddress, size, owner, site);
        nextAddress += ((size + 7) & ~7) + 8;
        blocks.add(b);
        liveCount++;
        used += size;
        maxUsed = Math.max(maxUsed, used);
        events.add(new HeapEvent("alloc", allocCalls, b.id, b.address, size, owner, site, null));
        return b.address;
    }

    /** llext_free: NULL is a no-op (sys_heap_free), anything else is checked. */
    public void free(long address, String site) {
        if (address == 0) {
            return;
        }
        HeapBlock b = block(address);
        if (b == null) {
            events.add(new HeapEvent("invalid-free", 0, 0, address, 0, "pointer never allocated", site, null));
        } else if (!b.live) {
            events.add(new HeapEvent("double-free", 0, b.id, address, b.size, b.owner, site, null));
        } else {
            b.live = false;
            liveCount--;
            used -= b.size;
            events.add(new HeapEvent("free", 0, b.id, address, b.size, b.owner, site, null));
        }
    }

    /** The block at this exact address, live or freed, or null. */
    public HeapBlock block(long address) {
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long a = blocks.get(mid).address;
            if (a < address) {
                lo = mid + 1;
            } else if (a > address) {
                hi = mid - 1;
            } else {
                return blocks.get(mid);
            }
        }
        return null;
    }

    /** Records a read of freed memory when the address is a freed block; returns true if so. */
    public boolean noteRead(long address, java.util.function.Supplier<String> what, String site) {
        if (address < BASE) {
            return false; // caller memory (copies, saved tables) is never freed
        }
        HeapBlock b = block(address);
        if (b != null && !b.live) {
            events.add(new HeapEvent("read-freed", 0, b.id, address, b.size, b.owner, site, what.get()));
            return true;
        }
        return false;
    }

    /** Creates the pointer-array contents of a block (uninitialised memory reads as 0 here). */
    public void makeArray(long address, int slots) {
        HeapBlock b = block(address);
        if (b != null) {
            b.words = new long[Math.max(slots, 0)];
        }
    }

    public void writeWord(long array, int index, long value) {
        block(array).words[index] = value;
    }

    /** Reads name[index]; a freed array yields its stale contents and a read-freed event. */
    public long readWord(long array, String name, int index, String site) {
        HeapBlock b = block(array);
        if (!b.live) {
            events.add(new HeapEvent("read-freed", 0, b.id, array, b.size, b.owner, site, name + "[" + index + "]"));
        }
        return b.words[index];
    }

    public List<HeapEvent> events() {
        return events;
    }

    /** Live blocks in allocation order. */
    public List<HeapBlock> liveBlocks() {
        List<HeapBlock> out = new ArrayList<>(liveCount);
        for (HeapBlock b : blocks) {
            if (b.live) {
                out.add(b);
            }
        }
        return out;
    }

    public int liveCount() {
        return liveCount;
    }

    public int capacity() {
        return capacity;
    }

    public int used() {
        return used;
    }

    public int free() {
        return capacity - used;
    }

    public int maxUsed() {
        return maxUsed;
    }

    public int allocCalls() {
        return allocCalls;
    }
}
