package io.llexthil.twin.model;

/**
 * Zephyr's {@code sys_heap} (the allocator under {@code k_heap} and so under {@code llext_heap}),
 * rebuilt from its rules over a byte buffer so that the bytes a freed block holds afterwards are
 * known: chunk headers and free-list links are written where the C code writes them.
 *
 * <p>The rules (lib/heap/heap.h and heap.c of the pinned release; docs/twin.md, "The heap"):
 * <ul>
 *   <li>memory is counted in 8-byte chunk units; a chunk starts with a header of two fields,
 *       LEFT_SIZE and SIZE_AND_USED (size in units, bit 0 = used), followed for a free chunk by
 *       FREE_PREV and FREE_NEXT (chunk ids); fields are 16-bit in a small heap (header 4 bytes)
 *       and 32-bit in a big one (header 8 bytes). A heap is big on 64-bit targets, or when it
 *       has more than 0x7fff units;</li>
 *   <li>init: a footer (4 or 8 bytes) is taken off the end, start rounded up and end down to 8;
 *       chunk 0 holds the heap's own struct (16 bytes) and one 4-byte bucket head per bucket,
 *       then one free chunk spans the rest, then a 0-size used end marker;</li>
 *   <li>a request of n bytes needs ceil((n + header) / 8) units; free chunks live in circular
 *       lists, one per bucket {@code floor(log2(size - min_chunk + 1))}; allocation tries up to
 *       three chunks of the request's own bucket (advancing the bucket head past each one too
 *       small), then takes the head of the smallest non-empty larger bucket; the rest of a
 *       larger chunk is split off and listed; a new free chunk is inserted before the head;</li>
 *   <li>free merges with a free right neighbour, then a free left one, then lists the result;
 *       a 1-unit chunk of a big heap is never listed (no room for links);</li>
 *   <li>free asserts that the chunk is used ("double-free?") and that the right neighbour's
 *       LEFT_SIZE points back ("buffer overflow?").</li>
 * </ul>
 * Addresses are {@code base + offset}; the base is taken as 8-aligned.
 */
public final class SysHeap {
    public static final int CHUNK_UNIT = 8;
    /** Default CONFIG_SYS_HEAP_ALLOC_LOOPS. */
    static final int ALLOC_LOOPS = 3;
    /** sizeof(struct z_heap) without runtime statistics: chunk0_hdr[2], end_chunk, avail_buckets. */
    static final int Z_HEAP_STRUCT = 16;
    static final int BUCKET_BYTES = 4;

    private static final int LEFT_SIZE = 0;
    private static final int SIZE_AND_USED = 1;
    private static final int FREE_PREV = 2;
    private static final int FREE_NEXT = 3;

    /** What sys_heap_free does with a pointer. */
    public enum FreeVerdict { FREED, NOT_USED, OUTSIDE, BOUNDS_CORRUPT }

    private final long base;
    private final byte[] mem;
    private final boolean big;
    private final int endChunk;
    private final int chunk0Size;
    private final int[] bucketHead;
    private int availBuckets;

    /**
     * @param base    the buffer's address (8-aligned)
     * @param bytes   the buffer's size (CONFIG_LLEXT_HEAP_SIZE * 1024 on a board)
     * @param ptrSize sizeof(void *) of the target: 8 makes every heap big
     */
    public SysHeap(long base, int bytes, int ptrSize) {
        if (base % CHUNK_UNIT != 0) {
            throw new IllegalArgumentException("heap base 0x" + Long.toHexString(base) + " is not 8-aligned");
        }
        this.base = base;
        this.mem = new byte[Math.max(bytes, 0)];
        int footer = isBig(bytes / CHUNK_UNIT, ptrSize) ? 8 : 4;
        int units = Math.max(0, (bytes - footer) / CHUNK_UNIT);
        this.big = isBig(units, ptrSize);
        int buckets = units >= minChunk() ? bucketIndex(units) + 1 : 1;
        this.chunk0Size = chunks(Z_HEAP_STRUCT + buckets * BUCKET_BYTES);
        this.bucketHead = new int[Math.max(buckets, 1)];
        // sys_heap_init asserts on a buffer this small; the boards' model then fails every allocation
        this.endChunk = units >= minChunk() && chunk0Size + minChunk() <= units ? units : 0;
        if (endChunk == 0) {
            return;
        }
        setSize(0, chunk0Size);
        setField(0, LEFT_SIZE, 0);
        setUsed(0, true);
        setSize(chunk0Size, units - chunk0Size);
        setField(chunk0Size, LEFT_SIZE, chunk0Size);
        setSize(units, 0);
        setField(units, LEFT_SIZE, units - chunk0Size);
        setUsed(units, true);
        listAdd(chunk0Size);
    }

    /** False when the buffer is too small for sys_heap: every allocation fails. */
    public boolean usable() {
        return endChunk > 0;
    }

    /** The smallest buffer sys_heap_init accepts for this target. */
    public static int minBytes(int ptrSize) {
        int b = CHUNK_UNIT;
        while (!new SysHeap(0, b, ptrSize).usable()) {
            b += 4;
        }
        return b;
    }

    static boolean isBig(int units, int ptrSize) {
        return ptrSize > 4 || units > 0x7fff;
    }

    private static int chunksFor(int bytes) {
        return (bytes + CHUNK_UNIT - 1) / CHUNK_UNIT;
    }

    // ------------------------------------------------------------ arithmetic (package: tests pin it)

    boolean big() {
        return big;
    }

    int headerBytes() {
        return big ? 8 : 4;
    }

    int endChunk() {
        return endChunk;
    }

    int chunk0Size() {
        return chunk0Size;
    }

    /** Units for a request of {@code bytes} (header included), capped at the heap's size. */
    int unitsFor(long bytes) {
        long units = bytes / CHUNK_UNIT + (bytes % CHUNK_UNIT + headerBytes() + CHUNK_UNIT - 1) / CHUNK_UNIT;
        return (int) Math.min(units, endChunk);
    }

    private int chunks(int bytes) {
        return chunksFor(bytes);
    }

    int minChunk() {
        return chunksFor(headerBytes() + 1);
    }

    int bucketIndex(int units) {
        return 31 - Integer.numberOfLeadingZeros(units - minChunk() + 1);
    }

    // ------------------------------------------------------------ fields in the buffer

    private int field(int c, int f) {
        int at = c * CHUNK_UNIT;
        if (big) {
            at += f * 4;
            return (mem[at] & 0xff) | (mem[at + 1] & 0xff) << 8 | (mem[at + 2] & 0xff) << 16 | (mem[at + 3] & 0xff) << 24;
        }
        at += f * 2;
        return (mem[at] & 0xff) | (mem[at + 1] & 0xff) << 8;
    }

    private void setField(int c, int f, int v) {
        int at = c * CHUNK_UNIT;
        if (big) {
            at += f * 4;
            mem[at] = (byte) v;
            mem[at + 1] = (byte) (v >>> 8);
            mem[at + 2] = (byte) (v >>> 16);
            mem[at + 3] = (byte) (v >>> 24);
        } else {
            at += f * 2;
            mem[at] = (byte) v;
            mem[at + 1] = (byte) (v >>> 8);
        }
    }

    int size(int c) {
        return field(c, SIZE_AND_USED) >>> 1;
    }

    boolean used(int c) {
        return (field(c, SIZE_AND_USED) & 1) != 0;
    }

    private void setSize(int c, int units) {
        setField(c, SIZE_AND_USED, units << 1); // the used bit is set afterwards where needed
    }

    private void setUsed(int c, boolean used) {
        int v = field(c, SIZE_AND_USED);
        setField(c, SIZE_AND_USED, used ? v | 1 : v & ~1);
    }

    private int left(int c) {
        return c - field(c, LEFT_SIZE);
    }

    private int right(int c) {
        return c + size(c);
    }

    private boolean unlisted(int c) {
        return big && size(c) < minChunk();
    }

    // ------------------------------------------------------------ free lists

    private void listRemove(int c, int b) {
        if (field(c, FREE_NEXT) == c) {
            availBuckets &= ~(1 << b);
            bucketHead[b] = 0;
        } else {
            int first = field(c, FREE_PREV);
            int second = field(c, FREE_NEXT);
            bucketHead[b] = second;
            setField(first, FREE_NEXT, second);
            setField(second, FREE_PREV, first);
        }
    }

    private void listRemove(int c) {
        if (!unlisted(c)) {
            listRemove(c, bucketIndex(size(c)));
        }
    }

    private void listAdd(int c) {
        if (unlisted(c)) {
            return;
        }
        int b = bucketIndex(size(c));
        if (bucketHead[b] == 0) {
            availBuckets |= 1 << b;
            bucketHead[b] = c;
            setField(c, FREE_PREV, c);
            setField(c, FREE_NEXT, c);
        } else {
            int second = bucketHead[b];
            int first = field(second, FREE_PREV);
            setField(c, FREE_PREV, first);
            setField(c, FREE_NEXT, second);
            setField(first, FREE_NEXT, c);
            setField(second, FREE_PREV, c);
        }
    }

    private void split(int lc, int rc) {
        int total = size(lc);
        int lsz = rc - lc;
        int rsz = total - lsz;
        setSize(lc, lsz);
        setSize(rc, rsz);
        setField(rc, LEFT_SIZE, lsz);
        setField(right(rc), LEFT_SIZE, rsz);
    }

    private void merge(int lc, int rc) {
        int sz = size(lc) + size(rc);
        setSize(lc, sz);
        setField(right(rc), LEFT_SIZE, sz);
    }

    private int findChunk(int units) {
        int b = bucketIndex(units);
        if (b < bucketHead.length && bucketHead[b] != 0) {
            int first = bucketHead[b];
            int tries = ALLOC_LOOPS;
            do {
                int c = bucketHead[b];
                if (size(c) >= units) {
                    listRemove(c, b);
                    return c;
                }
                bucketHead[b] = field(c, FREE_NEXT);
            } while (--tries > 0 && bucketHead[b] != first);
        }
        int mask = b + 1 >= 32 ? 0 : availBuckets & ~((1 << (b + 1)) - 1);
        if (mask != 0) {
            int min = Integer.numberOfTrailingZeros(mask);
            int c = bucketHead[min];
            listRemove(c, min);
            return c;
        }
        return 0;
    }

    // ------------------------------------------------------------ the API

    /** sys_heap_alloc: the payload address, or 0 (NULL) for 0 bytes or when nothing fits. */
    public long alloc(long bytes) {
        if (bytes <= 0 || !usable()) {
            return 0;
        }
        int units = unitsFor(bytes);
        int c = findChunk(units);
        if (c == 0) {
            return 0;
        }
        if (size(c) > units) {
            split(c, c + units);
            listAdd(c + units);
        }
        setUsed(c, true);
        return base + (long) c * CHUNK_UNIT + headerBytes();
    }

    /**
     * sys_heap_aligned_alloc as k_heap_aligned_alloc calls it: an alignment no larger than the
     * chunk header is a plain allocation; otherwise the request is padded by {@code align - header},
     * the payload moved up to the boundary and the unused prefix and suffix split off and listed.
     */
    public long alignedAlloc(long align, long bytes) {
        long rew = align & -align;
        long gap;
        if (align != rew) {
            align -= rew;
            gap = Math.min(rew, headerBytes());
        } else {
            if (align <= headerBytes()) {
                return alloc(bytes);
            }
            rew = 0;
            gap = headerBytes();
        }
        if (bytes <= 0 || !usable()) {
            return 0;
        }
        int padded = unitsFor(bytes + align - gap);
        int c0 = findChunk(padded);
        if (c0 == 0) {
            return 0;
        }
        long memAddr = base + (long) c0 * CHUNK_UNIT + headerBytes();
        long aligned = roundUp(memAddr + rew, align) - rew;
        long end = roundUp(aligned + bytes, CHUNK_UNIT);
        int c = (int) ((aligned - headerBytes() - base) / CHUNK_UNIT);
        int cEnd = (int) ((end - base) / CHUNK_UNIT);
        if (c > c0) {
            split(c0, c);
            listAdd(c0);
        }
        if (right(c) > cEnd) {
            split(c, cEnd);
            listAdd(cEnd);
        }
        setUsed(c, true);
        return aligned;
    }

    private static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    /** Whether an address lies in the buffer's chunk area (a candidate for sys_heap_free). */
    public boolean contains(long address) {
        return address >= base && address < base + (long) endChunk * CHUNK_UNIT;
    }

    /**
     * sys_heap_free: NULL is a no-op; otherwise the two assertions, then the chunk is freed and
     * merged. A pointer outside the buffer is reported as OUTSIDE without touching anything (a
     * board would read whatever memory is there; the boards' model does the same).
     */
    public FreeVerdict free(long address) {
        FreeVerdict v = check(address);
        if (v == FreeVerdict.FREED) {
            release(address);
        }
        return v;
    }

    /** sys_heap_free's two assertions (and the buffer bounds), without freeing anything. */
    public FreeVerdict check(long address) {
        if (!contains(address)) {
            return FreeVerdict.OUTSIDE;
        }
        long off = address - headerBytes() - base;
        if (off < 0) {
            return FreeVerdict.OUTSIDE;
        }
        int c = (int) (off / CHUNK_UNIT);
        if (!used(c)) {
            return FreeVerdict.NOT_USED;
        }
        int r = right(c);
        if (r > endChunk || r <= c || left(r) != c) {
            return FreeVerdict.BOUNDS_CORRUPT;
        }
        return FreeVerdict.FREED;
    }

    private void release(long address) {
        int c = (int) ((address - headerBytes() - base) / CHUNK_UNIT);
        setUsed(c, false);
        if (!used(right(c))) {
            listRemove(right(c));
            merge(c, right(c));
        }
        if (!used(left(c))) {
            int l = left(c);
            listRemove(l);
            merge(l, c);
            c = l;
        }
        listAdd(c);
    }

    /** Reads {@code width} bytes little-endian at an address inside the buffer. */
    public long read(long address, int width) {
        int at = (int) (address - base);
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (mem[at + i] & 0xff);
        }
        return v;
    }

    /** Writes {@code width} bytes little-endian at an address inside the buffer. */
    public void write(long address, int width, long value) {
        int at = (int) (address - base);
        for (int i = 0; i < width; i++) {
            mem[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Units of the chunk whose payload starts at this address (0 if it is not a chunk's payload). */
    int unitsAt(long address) {
        long off = address - headerBytes() - base;
        return off < 0 || off % CHUNK_UNIT != 0 ? 0 : size((int) (off / CHUNK_UNIT));
    }

    /** Bytes in free chunks (headers included): what is left to allocate from, fragmented or not. */
    public int freeUnits() {
        int n = 0;
        for (int c = chunk0Size; usable() && c < endChunk; c = right(c)) {
            if (!used(c)) {
                n += size(c);
            }
        }
        return n;
    }
}
