package io.llexthil.link.qemu;

import io.llexthil.link.LinkException;

/**
 * QEMU could not be started or did not become ready: the binary is missing, it exited during
 * start (bad machine, bad kernel, port clash) or it did not open its sockets in time. The
 * message carries QEMU's exit code and the tail of its stderr, which says why.
 */
public class QemuStartException extends LinkException {
    private final String stderr;

    public QemuStartException(String link, String step, String message, String stderr, Throwable cause) {
        super(link, step, stderr.isBlank() ? message : message + "; QEMU stderr: " + stderr.strip(), cause);
        this.stderr = stderr;
    }

    /** The tail of QEMU's stderr at the time of the failure (may be empty). */
    public String stderr() { return stderr; }
}
