package io.llexthil.shell.reset;

import io.llexthil.shell.ShellException;

/** The reset action itself failed: unsupported by the medium, timed out, or a bad exit code. */
public class ResetException extends ShellException {
    public ResetException(String board, String method, String message, String lastBytes, Throwable cause) {
        super(board, "reset (" + method + ")", message, lastBytes, cause);
    }
}
