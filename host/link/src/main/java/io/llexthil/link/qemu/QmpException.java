package io.llexthil.link.qemu;

import io.llexthil.link.LinkException;

/**
 * A QMP exchange failed. Names the link, the step (e.g. {@code execute system_reset}) and the
 * last bytes QEMU sent, so a report shows what the monitor said just before things went wrong.
 * Subclasses tell a timeout, an error reply and a closed connection apart.
 */
public class QmpException extends LinkException {
    private final String lastBytes;

    public QmpException(String link, String step, String message, String lastBytes, Throwable cause) {
        super(link, step, message + "; last bytes seen: " + lastBytes, cause);
        this.lastBytes = lastBytes;
    }

    /** The tail of what QEMU sent on the QMP socket, escaped; "(none)" if nothing. */
    public String lastBytes() { return lastBytes; }
}
