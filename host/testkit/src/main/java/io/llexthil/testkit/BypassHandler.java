package io.llexthil.testkit;

/**
 * A bypass callback for the fake shell, the counterpart of Zephyr's {@code shell_set_bypass()}:
 * installed by {@link Reply#bypass}, it receives every byte that arrives after the command's line
 * end (the LF of a CRLF included), unechoed, in reads of at most 16 bytes, as Zephyr's
 * {@code state_collect()} hands them over.
 */
@FunctionalInterface
public interface BypassHandler {

    /** Called on the fake's shell thread with the bytes of one read. */
    void bytes(byte[] data, Output out);

    /** What a bypass callback can do. */
    interface Output {
        /** Prints one CRLF-terminated line; in bypass mode the shell neither erases nor reprints a prompt around it. */
        void line(String text);

        /** Leaves bypass mode; the shell prints its prompt as soon as the callback returns. */
        void end();
    }
}
