package io.llexthil.link;

/** Receives what a {@link Link} reads. Called on the link's own thread, never concurrently. */
public interface LinkListener {

    /** Bytes as they arrived; the array is owned by the listener after the call. */
    void onBytes(byte[] bytes);

    /** The peer went away (EOF, device unplugged, process died). Called at most once. */
    void onDisconnected(String reason);
}
