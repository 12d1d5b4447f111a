package io.llexthil.link;

/**
 * What a link's medium supports beyond a byte stream. {@link LinkUrl#capabilities()} gives what a
 * URL promises before anything is opened (enough to decide locking and how to reset a board);
 * {@link Link#capabilities()} what the opened medium actually offers (a serial path may turn out
 * to be a pty, an RFC 2217 server may refuse COM-PORT-OPTION).
 *
 * @param controlLines  DTR and RTS can be driven (a reset pulse)
 * @param baudRate      the line rate can be changed
 * @param launchesBoard the link starts the board itself (a simulated board, QEMU): the board is
 *                      private to the link, so nobody else can hold it, and it can be restarted
 *                      with other parameters ({@link LinkUrl#with})
 * @param powerCycle    {@link Link#hardReset} works (QMP {@code system_reset}, a process restart)
 * @param description   one line for messages
 */
public record LinkCapabilities(boolean controlLines, boolean baudRate, boolean launchesBoard, boolean powerCycle,
                               String description) {

    /** A medium that carries a board it did not start (a cable, a socket, a remote port). */
    public LinkCapabilities(boolean controlLines, boolean baudRate, String description) {
        this(controlLines, baudRate, false, false, description);
    }

    /** A link that starts its own board and can power-cycle it, with no modem lines. */
    public static LinkCapabilities launched(String description) {
        return new LinkCapabilities(false, false, true, true, description);
    }
}
