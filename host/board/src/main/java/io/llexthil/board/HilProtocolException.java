package io.llexthil.board;

import io.llexthil.shell.ShellException;

/** The board answered, but not with a valid result for this request (missing, corrupted, wrong id). */
public class HilProtocolException extends ShellException {
    public HilProtocolException(String board, String step, String message, String lastBytes) {
        super(board, step, message, lastBytes, null);
    }
}
