package io.llexthil.twin.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LLEXT heap as the C code sees it through llext_alloc / llext_free: every call, its size,
 * owner and call site. Misuse (double free, free of a foreign pointer, reading freed memory)
 * is recorded as an event, never thrown: these are outcomes to predict.
 *
 * <p>Two layouts ({@link HeapModel}):
 * <ul>
 *   <li>{@code ZEPHYR}: placement, failure and freed contents come from {@link SysHeap}, Zephyr's
 *       allocator rebuilt over a byte buffer: the allocation that fails for a given heap size and
 *       what a read of freed memory returns (free-list links) are those of a board;</li>
 *   <li>{@code REQUESTED}: a request fails only when it exceeds the free requested bytes; blocks get
 *       increasing addresses, never reused, and freed memory keeps its old contents. This is the
 *       algorithm seen without any allocator: what the explorer enumerates (its findings are about
 *       llext_restore, not about one heap size or layout).</li>
 * </ul>
 * {@code used} is the sum of requested sizes of live blocks in both, as the boards report it.
 */
public final class Heap {
    public static final long BASE = 0x2010_0000L;

    private final int capacity;
    /** Zephyr's allocator (ZEPHYR layout), or null (REQUESTED). */
    private final SysHeap sys;
    private final int ptrSize;
    /** Every block ever allocated, in id order (REQUESTED: also address order, addresses only grow). */
    private final List<HeapBlock> blocks = new ArrayList<>(32);
    /** ZEPHYR: the latest block at each address (addresses are reused after a free). */
    private final Map<Long, HeapBlock> latestAt;
    private int liveCount;
    private final List<HeapEvent> events = new ArrayList<>(64);
    private long nextAddress = BASE;
    private int nextId = 1;
    private int used;
    private int maxUsed;
    private int allocCalls;
    private int faultCountdown;
    private int exhaustBelow;

    /** A REQUESTED-layout heap (no allocator modelled). */
    public Heap(int capacity) {
        this(capacity, HeapModel.REQUESTED, 8);
    }

    public Heap(int capacity, HeapModel model, int ptrSize) {
        if (capacity < 0) {
            throw new IllegalArgumentException("heap capacity " + capacity + " < 0");
        }
        this.capacity = capacity;
        this.ptrSize = ptrSize;
        this.sys = model == HeapModel.ZEPHYR ? new SysHeap(BASE, capacity, ptrSize) : null;
        this.latestAt = sys != null ? new HashMap<>() : null;
    }

    public HeapModel model() {
        return sys != null ? HeapModel.ZEPHYR : HeapModel.REQUESTED;
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
        } else if (sys == null && size > free()) {
            nullReason = "heap full: " + size + " requested, " + free() + " free";
        }
        long address = 0;
        if (nullReason == null && sys != null) {
            address = sys.alloc(size);
            if (address == 0) {
                nullReason = "heap full: no free chunk of " + sys.unitsFor(size) + " units for " + size
                        + " bytes (" + sys.freeUnits() + " units free in all)";
            }
        }
        if (nullReason != null) {
            events.add(new HeapEvent("alloc-null", allocCalls, 0, 0, size, owner, site, nullReason));
            return 0;
        }
        if (sys == null) {
            address = nextAddress;
            nextAddress += ((size + 7) & ~7) + 8;
        }
        HeapBlock b = new HeapBlock(nextId++, address, size, owner, site);
        blocks.add(b);
        if (latestAt != null) {
            latestAt.put(address, b);
        }
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
        if (sys != null) {
            freeZephyr(address, b, site);
            return;
        }
        if (b == null) {
            events.add(new HeapEvent("invalid-free", 0, 0, address, 0, "pointer never allocated", site, null));
        } else if (!b.live) {
            events.add(new HeapEvent("double-free", 0, b.id, address, b.size, b.owner, site, null));
        } else {
            release(b);
            events.add(new HeapEvent("free", 0, b.id, address, b.size, b.owner, site, null));
        }
    }

    /** sys_heap_free's verdict decides; the block bookkeeping follows it. */
    private void freeZephyr(long address, HeapBlock b, String site) {
        SysHeap.FreeVerdict v = sys.check(address);
        switch (v) {
            case FREED -> {
                if (b != null && b.live) {
                    sys.free(address);
                    release(b);
                    events.add(new HeapEvent("free", 0, b.id, address, b.size, b.owner, site, null));
                } else {
                    // sys_heap would accept a pointer that is no block's start (its bytes look like a used
                    // header); the boards' model reports it instead of freeing, and so does the twin
                    events.add(new HeapEvent("invalid-free", 0, 0, address, 0, "pointer never allocated", site,
                            "accepted by sys_heap_free: the bytes before it read as a used chunk header"));
                }
            }
            case NOT_USED -> events.add(b != null
                    ? new HeapEvent("double-free", 0, b.id, address, b.size, b.owner, site,
                            "chunk_used(h, c) fails: unexpected heap state (double-free?)")
                    : new HeapEvent("invalid-free", 0, 0, address, 0, "pointer never allocated", site,
                            "chunk_used(h, c) fails: unexpected heap state (double-free?)"));
            case BOUNDS_CORRUPT -> events.add(new HeapEvent("invalid-free", 0, b == null ? 0 : b.id, address,
                    b == null ? 0 : b.size, b == null ? "pointer never allocated" : b.owner, site,
                    "left_chunk(h, right_chunk(h, c)) == c fails: corrupted heap bounds (buffer overflow?)"));
            case OUTSIDE -> events.add(new HeapEvent("invalid-free", 0, 0, address, 0, "pointer never allocated", site,
                    "outside the heap buffer"));
            default -> throw new IllegalStateException(v.toString());
        }
    }

    private void release(HeapBlock b) {
        b.live = false;
        liveCount--;
        used -= b.size;
    }

    /** The block at this exact address (the latest one, if the address was reused), live or freed, or null. */
    public HeapBlock block(long address) {
        if (latestAt != null) {
            return latestAt.get(address);
        }
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
        if (sys != null) {
            sys.write(array + (long) index * ptrSize, ptrSize, value);
            return;
        }
        block(array).words[index] = value;
    }

    /**
     * Reads name[index]; a freed array yields a read-freed event and what the memory holds now:
     * REQUESTED, the stale contents; ZEPHYR, whatever sys_heap wrote since (free-list links
     * in the first bytes of a listed free chunk, the old value elsewhere).
     */
    public long readWord(long array, String name, int index, String site) {
        HeapBlock b = block(array);
        long value = sys != null ? sys.read(array + (long) index * ptrSize, ptrSize) : b.words[index];
        if (!b.live) {
            events.add(new HeapEvent("read-freed", 0, b.id, array, b.size, b.owner, site,
                    sys == null ? name + "[" + index + "]" : name + "[" + index + "] = 0x" + Long.toHexString(value)));
        }
        return value;
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
