package io.llexthil.testkit;

/**
 * One read's worth of bytes as the fake received them, with when they arrived; how a test
 * observes the host's pacing (chunk sizes and gaps).
 *
 * @param nanos {@link System#nanoTime()} at arrival
 * @param bytes what that read returned
 */
public record ReceivedChunk(long nanos, byte[] bytes) {
}
