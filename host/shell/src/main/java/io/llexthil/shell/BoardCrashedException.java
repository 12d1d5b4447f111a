package io.llexthil.shell;

/** A fatal-error banner, assertion or halt arrived while waiting: a crash, not a timeout. */
public class BoardCrashedException extends ShellException {
    // the banner line itself is part of the message; see lastBytes() for the raw tail
    public BoardCrashedException(String board, String step, String message, String lastBytes) {
        super(board, step, message, lastBytes, null);
    }
}
