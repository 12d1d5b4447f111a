package io.llexthil.board;

/**
 * The link kept damaging or losing a request's answer until the retry budget was spent, or the
 * board could not tell whether a request that may change it ran. The board may be fine; the
 * wire is not. Distinct from a crash ({@link io.llexthil.shell.BoardCrashedException}).
 */
public class HilLinkException extends HilProtocolException {
    public HilLinkException(String board, String step, String message, String lastBytes) {
        super(board, step, message, lastBytes);
    }
}
