package io.llexthil.junit;

import java.nio.charset.StandardCharsets;

/**
 * Points a {@code sim:} link URL at another flash file by rewriting (or adding) its {@code flash=}
 * parameter; every other parameter stays as written, in order.
 */
final class FreshFlash {
    private FreshFlash() { }

    static boolean isSim(String linkUrl) {
        return linkUrl != null && linkUrl.startsWith("sim:");
    }

    static String withFlash(String simUrl, String flashPath) {
        String encoded = "flash=" + encode(flashPath);
        int question = simUrl.indexOf('?');
        if (question < 0) {
            return simUrl + "?" + encoded;
        }
        String query = simUrl.substring(question + 1);
        if (query.isEmpty()) {
            return simUrl + encoded;
        }
        StringBuilder out = new StringBuilder(simUrl.substring(0, question + 1));
        boolean replaced = false;
        String sep = "";
        for (String pair : query.split("&", -1)) {
            out.append(sep);
            sep = "&";
            if (pair.startsWith("flash=")) {
                out.append(encoded);
                replaced = true;
            } else {
                out.append(pair);
            }
        }
        if (!replaced) {
            out.append('&').append(encoded);
        }
        return out.toString();
    }

    /** Percent-encodes the characters the link URL grammar gives a meaning (docs/links.md). */
    private static String encode(String path) {
        StringBuilder b = new StringBuilder();
        for (byte raw : path.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c == '%' || c == '&' || c == '=' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
