package io.llexthil.board;

/** LLEXT heap statistics: used = sum of requested sizes of live allocations. */
public record HeapStats(long size, long used, long free, long maxUsed, long allocs) { }
