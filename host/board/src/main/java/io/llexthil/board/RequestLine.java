package io.llexthil.board;

/**
 * A HIL request as typed on the wire: {@code hil @<id>:<crc> <words>}, the CRC (zlib's crc32,
 * 8 hex digits) taken over {@code <id> <words>} with single spaces, as the firmware rebuilds it
 * from the shell's argument vector (docs/protocol.md section 2.1). A request damaged on the way
 * is refused by the board with {@link #REFUSED} and never runs.
 */
public final class RequestLine {

    /** -EILSEQ: the board's answer to a request whose checksum does not match. */
    public static final int REFUSED = ReturnCodes.parse("EILSEQ");

    private RequestLine() { }

    /** The command's words separated by single spaces (what the checksum covers). */
    public static String normalize(String commandLine) {
        return String.join(" ", commandLine.strip().split("\\s+"));
    }

    /** {@code hil @<id>:<crc> <command>} for a normalized command. */
    public static String frame(int id, String normalizedCommand) {
        return "hil @" + id + ":" + ResultLine.crc32Hex(id + " " + normalizedCommand) + " " + normalizedCommand;
    }
}
