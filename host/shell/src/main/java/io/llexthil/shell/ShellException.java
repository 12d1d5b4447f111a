package io.llexthil.shell;

/**
 * Base of every shell failure. Always names the board, the step and the last bytes seen
 * (printable, escaped), so that a report can say what happened without the transcript.
 */
public class ShellException extends RuntimeException {
    private final String board;
    private final String step;
    private final String lastBytes;

    public ShellException(String board, String step, String message, String lastBytes, Throwable cause) {
        super(board + ": " + step + ": " + message + (lastBytes == null || lastBytes.isEmpty()
                ? "" : " (last bytes: \"" + lastBytes + "\")"), cause);
        this.board = board;
        this.step = step;
        this.lastBytes = lastBytes == null ? "" : lastBytes;
    }

    public String board() { return board; }

    public String step() { return step; }

    public String lastBytes() { return lastBytes; }
}
