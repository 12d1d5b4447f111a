package io.llexthil.board;

/** A command that may change the board was refused before anything was sent (read-only mode). */
public class ReadOnlyViolationException extends RuntimeException {
    public ReadOnlyViolationException(String board, String command) {
        super(board + ": refused '" + command + "': the connection is read-only"
                + " (field diagnostics); open it read-write to send commands that change the board"
                + " (diag: --allow-write; console: without --read-only)");
    }
}
