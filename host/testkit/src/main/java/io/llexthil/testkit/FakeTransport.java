package io.llexthil.testkit;

/** Where a {@link FakeZephyrShell} talks: a TCP connection or one end of a pty pair. */
interface FakeTransport extends AutoCloseable {

    /** Starts reading; every read is handed to {@code sink} on a transport-owned daemon thread. */
    void start(ChunkSink sink);

    /** Writes to the current peer; bytes are dropped when none is connected (as QEMU does). */
    void write(byte[] bytes);

    /** Ends the current connection the way a board going away would. */
    void hangUp();

    @Override
    void close();

    interface ChunkSink {
        void onChunk(byte[] bytes);
    }
}
