package io.llexthil.board;

import java.util.List;
import java.util.Optional;

/**
 * A short checked line {@code <tag>|<id>|<field>...|<crc>} from the upload receiver
 * ({@code @@ACK|<id>|<next>|<crc>}, {@code @@NAK|<id>|<next>|<reason>|<crc>}); the CRC covers
 * everything between the tag's {@code |} and the last {@code |} (docs/protocol.md section 5).
 * Anything that does not check out is link noise: it is counted, never thrown.
 */
public record CheckedLine(String tag, int id, List<String> fields) {

    public static final String ACK = "@@ACK";
    public static final String NAK = "@@NAK";

    /** The line when it carries {@code tag} and its CRC matches; empty otherwise. */
    public static Optional<CheckedLine> parse(String tag, String line) {
        int start = line.indexOf(tag + "|");
        if (start < 0) {
            return Optional.empty();
        }
        String framed = line.substring(start + tag.length() + 1).strip();
        int last = framed.lastIndexOf('|');
        if (last <= 0 || !framed.substring(last + 1).equals(ResultLine.crc32Hex(framed.substring(0, last)))) {
            return Optional.empty();
        }
        String[] parts = framed.substring(0, last).split("\\|", -1);
        if (parts.length < 2 || !parts[0].matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckedLine(tag, Integer.parseInt(parts[0]), List.of(parts).subList(1, parts.length)));
        } catch (NumberFormatException outOfRange) {
            return Optional.empty();
        }
    }

    /** Field {@code i} (after the id) as a non-negative int, or -1 when it is not one. */
    public int intField(int i) {
        if (i >= fields.size() || !fields.get(i).matches("[0-9]{1,10}")) {
            return -1;
        }
        long v = Long.parseLong(fields.get(i));
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Builds a checked line; used by fakes and tests that play the board's part. */
    public static String format(String tag, int id, String fields) {
        String covered = id + "|" + fields;
        return tag + "|" + covered + "|" + ResultLine.crc32Hex(covered);
    }
}
