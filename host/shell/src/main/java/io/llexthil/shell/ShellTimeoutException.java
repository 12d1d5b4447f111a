package io.llexthil.shell;

/** Nothing expected arrived within the step's timeout. */
public class ShellTimeoutException extends ShellException {
    public ShellTimeoutException(String board, String step, String message, String lastBytes) {
        super(board, step, message, lastBytes, null);
    }
}
