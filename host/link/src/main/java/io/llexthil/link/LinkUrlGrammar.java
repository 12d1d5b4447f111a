package io.llexthil.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The text-to-{@link LinkUrl} rules of docs/links.md, kept apart from the record that holds the result. */
final class LinkUrlGrammar {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})");

    private LinkUrlGrammar() {}

    static LinkUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(String.valueOf(text), "empty link URL", "serial:///dev/ttyACM0?baud=115200");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw bad(text, "no scheme", "serial:///dev/ttyACM0, tcp://127.0.0.1:5555, rfc2217://host:2217, sim:?flash=board.bin");
        }
        String scheme = text.substring(0, colon);
        if (!SCHEME.matcher(scheme).matches()) {
            throw bad(text, "scheme '" + scheme + "' must be lower-case letters, digits, '+', '.', '-'", "serial:///dev/ttyACM0");
        }
        String rest = text.substring(colon + 1);
        int question = rest.indexOf('?');
        String target = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        boolean authority = target.startsWith("//");
        if (authority) {
            target = target.substring(2);
        }
        target = decode(text, target);
        Map<String, String> params = parseQuery(text, query);
        checkTarget(text, scheme, target, authority);
        return new LinkUrl(scheme, target, params, text);
    }

    private static void checkTarget(String text, String scheme, String target, boolean authority) {
        switch (scheme) {
            case "serial", "pty" -> {
                if (!authority || !target.startsWith("/")) {
                    throw bad(text, scheme + " needs an absolute device path after '" + scheme + "://'",
                            scheme + ":///dev/" + (scheme.equals("pty") ? "pts/5" : "ttyACM0"));
                }
            }
            case "tcp", "rfc2217" -> {
                String example = scheme + "://127.0.0.1:" + (scheme.equals("tcp") ? "5555" : "2217");
                var m = HOST_PORT.matcher(target);
                if (!authority || !m.matches()) {
                    throw bad(text, scheme + " needs host:port after '" + scheme + "://'", example);
                }
                int port = Integer.parseInt(m.group(2));
                if (port < 1 || port > 65535) {
                    throw bad(text, "port " + port + " is outside 1..65535", example);
                }
            }
            case "sim" -> {
                if (!target.isEmpty()) {
                    throw bad(text, "sim takes no target, only parameters", "sim:?flash=/tmp/board.flash&transport=tcp");
                }
            }
            default -> { /* other schemes (qemu, ...) check their own target in their factory */ }
        }
    }

    private static Map<String, String> parseQuery(String text, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                String name = eq < 0 ? pair : "";
                throw bad(text, name.isEmpty() ? "empty parameter name" : "parameter '" + name + "' has no value",
                        "serial:///dev/ttyACM0?baud=115200&exclusive=true");
            }
            String name = decode(text, pair.substring(0, eq));
            String value = decode(text, pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw bad(text, "parameter '" + name + "' is given twice", "tcp://127.0.0.1:5555?nodelay=true");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** Percent-decoding only: '+' stays a plus, since device paths and file names may contain it. */
    private static String decode(String text, String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                int end = s.indexOf('%', i);
                end = end < 0 ? s.length() : end;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            if (i + 2 >= s.length()) {
                throw bad(text, "truncated percent escape in '" + s + "'", "sim:?flash=/tmp/my%20board.flash");
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw bad(text, "bad percent escape in '" + s + "'", "sim:?flash=/tmp/my%20board.flash");
            }
            out.write(hi * 16 + lo);
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes what the grammar gives a meaning in a parameter name or value ({@code % & = ? #}, blanks, non-ASCII). */
    static String encode(String value) {
        StringBuilder b = new StringBuilder();
        for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
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

    static IllegalArgumentException bad(String text, String what, String example) {
        return new IllegalArgumentException("bad link URL '" + text + "': " + what + " (example: " + example + ")");
    }
}
