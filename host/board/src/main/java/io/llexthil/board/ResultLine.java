package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A framed line {@code <tag>|<id>|<rc>|<json>|<crc>} as the firmware prints it (docs/protocol.md
 * section 3). The CRC covers {@code id|rc|json}, so a line mangled on the wire, or a line that
 * merely looks framed, is never taken for a result.
 *
 * @param tag  {@code @@HIL} for command results, {@code @@UPL} for the end of upload data mode
 */
public record ResultLine(String tag, int id, int rc, JsonNode json, String line) {

    public static final String HIL = "@@HIL";
    public static final String UPL = "@@UPL";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empty when {@code line} is not a framed line with this tag at all (echo, logs, output). */
    public static Optional<ResultLine> parse(String tag, String line) throws MalformedResultException {
        int start = line.indexOf(tag + "|");
        if (start < 0) {
            return Optional.empty();
        }
        String framed = line.substring(start + tag.length() + 1).strip();
        int first = framed.indexOf('|');
        int second = first < 0 ? -1 : framed.indexOf('|', first + 1);
        int last = framed.lastIndexOf('|');
        if (first < 0 || second < 0 || last <= second) {
            throw new MalformedResultException("not of the form " + tag + "|id|rc|json|crc", line);
        }
        String covered = framed.substring(0, last);
        String crcText = framed.substring(last + 1);
        String actual = crc32Hex(covered);
        if (!crcText.equals(actual)) {
            throw new MalformedResultException("CRC mismatch (line says " + crcText + ", content gives "
                    + actual + ")", line);
        }
        try {
            int id = Integer.parseInt(framed.substring(0, first));
            int rc = Integer.parseInt(framed.substring(first + 1, second));
            JsonNode json = JSON.readTree(framed.substring(second + 1, last));
            if (json == null || !json.isObject()) {
                throw new MalformedResultException("payload is not a JSON object", line);
            }
            return Optional.of(new ResultLine(tag, id, rc, json, line));
        } catch (NumberFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedResultException("unreadable field: " + e.getMessage().lines().findFirst().orElse(""), line);
        }
    }

    /** zlib's crc32 of the UTF-8 bytes, as 8 lower-case hex digits. */
    public static String crc32Hex(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        long v = crc.getValue();
        char[] hex = new char[8];
        for (int i = 7; i >= 0; i--, v >>>= 4) hex[i] = HEX[(int) (v & 0xf)];
        return new String(hex); // per command on the hot path: no String.format
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Builds a framed line; used by fakes and tests that play the board's part. */
    public static String format(String tag, int id, int rc, String json) {
        String covered = id + "|" + rc + "|" + json;
        return tag + "|" + covered + "|" + crc32Hex(covered);
    }

    /** A line that carries a result tag but cannot be trusted. */
    public static final class MalformedResultException extends Exception {
        private final String line;

        public MalformedResultException(String reason, String line) {
            super(reason);
            this.line = line;
        }

        public String line() { return line; }
    }
}
