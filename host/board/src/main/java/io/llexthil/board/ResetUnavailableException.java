package io.llexthil.board;

import io.llexthil.shell.ShellException;

/**
 * No reset can work for this board as configured: the transition is not possible on its link (no
 * control lines, no power control), or its reset ran and the board kept answering without
 * rebooting. Retrying cannot help, so a campaign stops at the first case with this one line,
 * which says what to configure.
 */
public class ResetUnavailableException extends ShellException {
    public ResetUnavailableException(String board, String step, String message, String lastBytes, Throwable cause) {
        super(board, step, message, lastBytes, cause);
    }
}
