package io.llexthil.twin.model;

/** How the twin lays out the LLEXT heap (see {@link Heap}). */
public enum HeapModel {
    /** Zephyr's sys_heap: chunk units, headers, buckets, splitting, merging, free-list links. */
    ZEPHYR,
    /** Requested bytes only: no allocator, addresses never reused, freed memory keeps its contents. */
    REQUESTED
}
