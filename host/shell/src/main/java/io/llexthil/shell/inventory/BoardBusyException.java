package io.llexthil.shell.inventory;

/** Another user (this or another process, or another host) holds the board. */
public class BoardBusyException extends RuntimeException {
    private final String id;
    private final String holder;

    public BoardBusyException(String id, String holder, String lockFile) {
        super("board " + id + " is busy: locked by " + holder + " (lock file " + lockFile + ")");
        this.id = id;
        this.holder = holder;
    }

    /** A board held by something other than a local lock (a remote port's other client); {@code message} says what. */
    protected BoardBusyException(String id, String holder, String message, Throwable cause) {
        super(message, cause);
        this.id = id;
        this.holder = holder;
    }

    public String id() { return id; }

    /** What the holder wrote into the lock file: pid, host, start time. */
    public String holder() { return holder; }
}
