package io.llexthil.link.qemu;

/** QEMU did not answer (or the awaited event did not come) within the timeout. */
public class QmpTimeoutException extends QmpException {
    public QmpTimeoutException(String link, String step, String message, String lastBytes) {
        super(link, step, message, lastBytes, null);
    }
}
