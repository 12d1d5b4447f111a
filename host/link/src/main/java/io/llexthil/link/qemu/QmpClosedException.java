package io.llexthil.link.qemu;

/** The QMP connection ended (QEMU exited or closed the socket) before the answer came. */
public class QmpClosedException extends QmpException {
    public QmpClosedException(String link, String step, String message, String lastBytes, Throwable cause) {
        super(link, step, message, lastBytes, cause);
    }
}
