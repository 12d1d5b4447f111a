package io.llexthil.link.qemu;

/** QEMU answered a command with {@code {"error": {"class": ..., "desc": ...}}}. */
public class QmpCommandException extends QmpException {
    private final String errorClass;
    private final String description;

    public QmpCommandException(String link, String step, String errorClass, String description, String lastBytes) {
        super(link, step, "QEMU refused: " + errorClass + ": " + description, lastBytes, null);
        this.errorClass = errorClass;
        this.description = description;
    }

    /** QMP's error class, e.g. {@code GenericError}, {@code CommandNotFound}. */
    public String errorClass() { return errorClass; }

    public String description() { return description; }
}
