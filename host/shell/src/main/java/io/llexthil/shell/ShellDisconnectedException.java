package io.llexthil.shell;

/** The link went away while waiting. */
public class ShellDisconnectedException extends ShellException {
    public ShellDisconnectedException(String board, String step, String message, String lastBytes) {
        super(board, step, message, lastBytes, null);
    }
}
