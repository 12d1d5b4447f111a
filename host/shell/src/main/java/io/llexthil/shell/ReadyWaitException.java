package io.llexthil.shell;

/**
 * A ready wait ran out of time. The message says what was awaited, what was seen while waiting
 * (bytes, prompts, banners, the longest quiet gap) and the likely cause; the counts are also
 * available to code that decides what to do next (a reset that did not reboot the board).
 */
public class ReadyWaitException extends ShellTimeoutException {
    private final long bytesSeen;
    private final long promptsSeen;
    private final int bannersSeen;
    private final boolean haltedBefore;

    public ReadyWaitException(String board, String step, String message, String lastBytes, long bytesSeen,
                              long promptsSeen, int bannersSeen, boolean haltedBefore) {
        super(board, step, message, lastBytes);
        this.bytesSeen = bytesSeen;
        this.promptsSeen = promptsSeen;
        this.bannersSeen = bannersSeen;
        this.haltedBefore = haltedBefore;
    }

    /** The boot before the wait had crashed (a fatal error banner) and the board then stayed silent. */
    public boolean haltedBefore() { return haltedBefore && bytesSeen == 0; }

    public long bytesSeen() { return bytesSeen; }

    public long promptsSeen() { return promptsSeen; }

    public int bannersSeen() { return bannersSeen; }

    /** The board was there and answering, but no new boot started: whatever should reset it did not. */
    public boolean answeredWithoutRebooting() {
        return promptsSeen > 0 && bannersSeen == 0;
    }
}
