package io.llexthil.shell;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The ready line our firmware prints once per boot when its shell takes commands:
 * {@code @@RDY|<boot>|<json>|<crc>}, CRC-32 (zlib) of {@code <boot>|<json>} as 8 lower-case hex
 * digits (docs/protocol.md section 3.1). A board that prints it is ready without a quiet period.
 *
 * @param boot  the board's boot count
 * @param json  the payload as printed, e.g. {@code {"build":"3f2a...","fw":"0.1.0","board":"sim"}}
 * @param line  the whole line, for messages
 */
public record ReadyAnnouncement(long boot, String json, String line) {
    public static final String TAG = "@@RDY|";
    private static final Pattern BUILD = Pattern.compile("\"build\":\"([0-9a-f]{16})\"");

    /** The build id the payload names, or "" when it names none. */
    public String buildId() {
        Matcher m = BUILD.matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /**
     * The announcement in {@code text}, or null when it holds none or the framing or CRC is off
     * (a mangled line is never taken for readiness; the board then counts as foreign firmware).
     */
    public static ReadyAnnouncement parse(String text) {
        int start = text.indexOf(TAG);
        if (start < 0) return null;
        String framed = text.substring(start + TAG.length()).strip();
        int first = framed.indexOf('|');
        int last = framed.lastIndexOf('|');
        if (first <= 0 || last <= first) return null;
        String covered = framed.substring(0, last);
        if (!framed.substring(last + 1).equals(crc32Hex(covered))) return null;
        try {
            long boot = Long.parseLong(framed.substring(0, first));
            return new ReadyAnnouncement(boot, framed.substring(first + 1, last), text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Builds a ready line; for fakes that play our firmware's part. */
    public static String format(long boot, String json) {
        String covered = boot + "|" + json;
        return TAG + covered + "|" + crc32Hex(covered);
    }

    private static String crc32Hex(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "00000000".substring(hex.length()) + hex;
    }
}
