package io.llexthil.board;

/** {@code hil fault}: armed faults (0 = none) and LLEXT heap allocation calls since boot. */
public record FaultState(int alloc, int flash, long allocCalls) { }
