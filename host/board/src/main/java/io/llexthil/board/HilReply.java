package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.shell.CommandResult;

/**
 * One framed result line {@code @@HIL|id|rc|json|crc}, checked and parsed.
 *
 * @param command the HIL command line sent (without the {@code hil @id} prefix)
 * @param id      the request id
 * @param rc      0 or a negative Zephyr errno
 * @param payload the JSON object
 * @param line    the result line as received
 * @param shell   the shell exchange it came from (output, logs, elapsed, epoch)
 */
public record HilReply(String command, int id, int rc, JsonNode payload, String line, CommandResult shell) {

    public boolean ok() { return rc >= 0; }

    /** The JSON object exactly as the board printed it (no re-serialisation on the command path). */
    public String payloadText() {
        int field = line.indexOf("@@");
        for (int i = 0; i < 3 && field >= 0; i++) field = line.indexOf('|', field + 1); // past tag|id|rc|
        int end = line.lastIndexOf('|');
        return field < 0 || end <= field ? payload.toString() : line.substring(field + 1, end);
    }

    /**
     * The board's one-line error text when rc < 0, else empty. A board built without messages
     * (CONFIG_LLEXT_HIL_MESSAGES=n) sends the name of a bad argument, a usage line or nothing:
     * for nothing this names the rc and why the text is missing.
     */
    public String error() {
        return messageLeftOut(rc, payload) ? ReturnCodes.describe(rc) + ", " + NO_MESSAGE : payload.path("error").asText("");
    }

    /** Why an error result has an empty message. */
    public static final String NO_MESSAGE = "no message (board built with CONFIG_LLEXT_HIL_MESSAGES=n)";

    /** An error result whose message the board's build left out: {@code "error":""}. */
    public static boolean messageLeftOut(int rc, JsonNode payload) {
        return rc < 0 && payload.has("error") && payload.path("error").asText("").isEmpty();
    }
}
