package io.llexthil.twin;

/** A command was sent to a twin board that crashed (CONFIG_ASSERT halt): only reset helps. */
public class TwinBoardHaltedException extends IllegalStateException {
    public TwinBoardHaltedException(String command) {
        super("twin board halted after a heap assertion; '" + command + "' needs a reset first");
    }
}
