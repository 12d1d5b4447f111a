package io.llexthil.twin.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chunk arithmetic against values worked out by hand from Zephyr's heap rules
 * (lib/heap/heap.h, heap.c; docs/twin.md "The heap"). B = 0x20100000, the buffer's address.
 */
class SysHeapTest {
    private static final long B = Heap.BASE;

    @Test
    void smallHeapOf16KiBOn32Bit() {
        // 2048 units <= 0x7fff and 4-byte pointers: small heap, 16-bit fields, 4-byte header and footer.
        // 16384 - 4 = 16380 -> end rounded down to 16376 -> 2047 units. min chunk = ceil(5/8) = 1.
        // buckets = floor(log2(2047 - 1 + 1)) + 1 = 11; chunk 0 = ceil((16 + 11*4)/8) = ceil(60/8) = 8 units.
        SysHeap h = new SysHeap(B, 16384, 4);
        assertThat(h.big()).isFalse();
        assertThat(h.headerBytes()).isEqualTo(4);
        assertThat(h.endChunk()).isEqualTo(2047);
        assertThat(h.minChunk()).isEqualTo(1);
        assertThat(h.chunk0Size()).isEqualTo(8);
        assertThat(h.freeUnits()).isEqualTo(2047 - 8);
        // a request of n bytes takes ceil((n + 4) / 8) units
        assertThat(h.unitsFor(1)).isEqualTo(1);
        assertThat(h.unitsFor(4)).isEqualTo(1);
        assertThat(h.unitsFor(5)).isEqualTo(2);
        assertThat(h.unitsFor(208)).isEqualTo(27);   // 212 / 8 = 26.5
        assertThat(h.unitsFor(72)).isEqualTo(10);    // a section map of 9 sections: 76 / 8 = 9.5
        // bucket of a chunk of u units: floor(log2(u - 1 + 1))
        assertThat(h.bucketIndex(1)).isZero();
        assertThat(h.bucketIndex(27)).isEqualTo(4);
        assertThat(h.bucketIndex(2039)).isEqualTo(10);
        // the first allocation is the start of the free chunk: unit 8, payload after the 4-byte header
        assertThat(h.alloc(208)).isEqualTo(B + 8 * 8 + 4);
        assertThat(h.alloc(8)).isEqualTo(B + (8 + 27) * 8 + 4);
    }

    @Test
    void bigHeapOn64BitEvenWhenSmall() {
        // 8-byte pointers: always big, 32-bit fields, 8-byte header and footer.
        // 16384 - 8 = 16376 -> 2047 units; min chunk = ceil(9/8) = 2; buckets = floor(log2(2046)) + 1 = 11;
        // chunk 0 = 8 units.
        SysHeap h = new SysHeap(B, 16384, 8);
        assertThat(h.big()).isTrue();
        assertThat(h.headerBytes()).isEqualTo(8);
        assertThat(h.endChunk()).isEqualTo(2047);
        assertThat(h.minChunk()).isEqualTo(2);
        assertThat(h.chunk0Size()).isEqualTo(8);
        assertThat(h.unitsFor(1)).isEqualTo(2);
        assertThat(h.unitsFor(8)).isEqualTo(2);
        assertThat(h.unitsFor(9)).isEqualTo(3);
        assertThat(h.unitsFor(352)).isEqualTo(45);   // 360 / 8
        assertThat(h.bucketIndex(2)).isZero();
        assertThat(h.bucketIndex(45)).isEqualTo(5);  // floor(log2(44))
        assertThat(h.alloc(352)).isEqualTo(B + 8 * 8 + 8);
    }

    @Test
    void a32BitHeapOverMaxSmallUnitsIsBig() {
        // 262152 bytes = 32769 units before the footer: the footer is 8 (big by bytes / 8 > 0x7fff)
        SysHeap h = new SysHeap(B, 262_152, 4);
        assertThat(h.big()).isTrue();
        assertThat(h.endChunk()).isEqualTo(32_768);
    }

    @Test
    void freeWritesListLinksIntoTheFirstPayloadBytes() {
        SysHeap h = new SysHeap(B, 16384, 4);
        long a = h.alloc(16);                      // unit 8, 3 units
        long b = h.alloc(16);                      // unit 11, keeps a from merging right
        h.write(a, 4, 0x2010_0abcL);
        h.write(a + 4, 4, 0x1234_5678L);
        assertThat(h.free(a)).isEqualTo(SysHeap.FreeVerdict.FREED);
        // alone in bucket floor(log2(3)) = 1: FREE_PREV = FREE_NEXT = its own id 8, 16-bit fields at
        // header bytes 4..7 = the first 4 payload bytes; the next word keeps its old value
        assertThat(h.read(a, 4)).isEqualTo(0x0008_0008L);
        assertThat(h.read(a + 4, 4)).isEqualTo(0x1234_5678L);
        // a second free of it: chunk_used() is false -> the double-free assertion
        assertThat(h.free(a)).isEqualTo(SysHeap.FreeVerdict.NOT_USED);
        assertThat(h.free(b)).isEqualTo(SysHeap.FreeVerdict.FREED);
        assertThat(h.free(0x1000)).isEqualTo(SysHeap.FreeVerdict.OUTSIDE);
    }

    @Test
    void bigHeapLinksAre32BitEachSoAPointerReadSeesBoth() {
        SysHeap h = new SysHeap(B, 16384, 8);
        long a = h.alloc(16);                      // unit 8, 3 units
        h.alloc(16);
        h.free(a);
        assertThat(h.read(a, 8)).isEqualTo(8L | 8L << 32);
    }

    @Test
    void freeMergesWithBothNeighboursAndTheMergedChunkIsReused() {
        SysHeap h = new SysHeap(B, 16384, 4);
        long a = h.alloc(16);                      // units 8..10
        long b = h.alloc(16);                      // units 11..13
        long c = h.alloc(16);                      // units 14..16
        h.alloc(16);                               // a fence before the rest of the heap
        h.free(a);
        h.free(c);
        h.free(b);                                 // merges with c (right) and a (left): 9 units at 8
        assertThat(h.alloc(60)).isEqualTo(a);      // ceil(64 / 8) = 8 units fit in the merged 9
        // merging does not clear the absorbed headers: c's SIZE_AND_USED (unit 14, bytes 2..3) still
        // reads 3 << 1 | 0 inside the new block (the split wrote its header at unit 16, not 14)
        assertThat(h.read(B + 14 * 8 + 2, 2)).isEqualTo(6L);
    }

    @Test
    void firstFitTriesThreeOfTheOwnBucketThenTakesALargerBucket() {
        SysHeap h = new SysHeap(B, 16384, 4);
        long[] p = new long[8];
        for (int i = 0; i < 8; i++) {
            p[i] = h.alloc(i % 2 == 0 ? 20 : 4);   // 3-unit blocks separated by 1-unit fences
        }
        h.free(p[0]);
        h.free(p[2]);
        h.free(p[4]);
        // three 3-unit free chunks in bucket 1 (2..3 units); a 3-unit request takes the head (p[0])
        assertThat(h.alloc(20)).isEqualTo(p[0]);
        // a 2-unit request: bucket 1 too, its head is now p[2], which fits; the 1-unit rest is split off
        assertThat(h.alloc(12)).isEqualTo(p[2]);
    }

    @Test
    void alignedAllocationAsKHeapAlignedAllocDoes() {
        SysHeap h = new SysHeap(B, 16384, 4);
        // align 4 <= header: a plain allocation
        assertThat(h.alignedAlloc(4, 8)).isEqualTo(B + 8 * 8 + 4);
        // align 32: the request is padded by align - header: 32 + 28 bytes -> 8 units, taken from the
        // free chunk at unit 10 (payload B+84); the payload moves up to B+96; its chunk is
        // (96 - 4) / 8 = 11 (rounded down); unit 10 is split off as a free prefix and the block ends
        // at ROUND_UP(96 + 32, 8) / 8 = unit 16: 5 units
        long p = h.alignedAlloc(32, 32);
        assertThat(p).isEqualTo(B + 96);
        assertThat(p % 32).isZero();
        assertThat(h.unitsAt(B + 11 * 8 + 4)).isEqualTo(5);
        assertThat(h.used(10)).isFalse();          // the 1-unit prefix is a free chunk
    }

    @Test
    void aBufferTooSmallForSysHeapFailsEveryAllocation() {
        // 64-bit, 56 bytes: footer 8 -> 6 units; chunk 0 = ceil((16 + 3 * 4) / 8) = 4, + min chunk 2 = 6: fits
        assertThat(new SysHeap(B, 56, 8).usable()).isTrue();
        assertThat(new SysHeap(B, 56, 8).alloc(8)).isEqualTo(B + 4 * 8 + 8);
        // 48 bytes: 5 units < 4 + 2
        SysHeap tiny = new SysHeap(B, 48, 8);
        assertThat(tiny.usable()).isFalse();
        assertThat(tiny.alloc(1)).isZero();
        assertThat(SysHeap.minBytes(8)).isEqualTo(56);
    }
}
