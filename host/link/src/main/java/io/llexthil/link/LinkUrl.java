package io.llexthil.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed link URL such as {@code serial:///dev/ttyACM0?baud=115200}, {@code tcp://127.0.0.1:5555},
 * {@code rfc2217://host:2217?baud=115200} or {@code qemu:...}. The exact grammar is in docs/links.md;
 * {@code parse} rejects bad input with an {@link IllegalArgumentException} whose one-line message
 * says what is wrong and how to write it instead.
 *
 * @param scheme  serial, pty, tcp, rfc2217, sim, qemu
 * @param target  device path, host:port, or the QEMU spec
 * @param params  query parameters, in order
 * @param text    the URL exactly as written
 */
public record LinkUrl(String scheme, String target, Map<String, String> params, String text) {

    /**
     * Parses {@code scheme:[//]target[?key=value&...]}. The shape of the target is checked for the
     * built-in schemes (serial, pty, tcp, rfc2217, sim); parameter names and values are checked by
     * {@link Links#create}, which knows each scheme's parameters.
     */
    public static LinkUrl parse(String text) {
        return LinkUrlGrammar.parse(text);
    }

    /**
     * Parses a URL template from a board profile: {@code ${name}} placeholders (e.g. {@code ${run}},
     * {@code ${repo}}) are replaced by {@code values} first. A placeholder without a value is a
     * one-line error naming it.
     */
    public static LinkUrl expand(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        int open = text.indexOf("${");
        if (open >= 0) {
            int close = text.indexOf('}', open);
            String name = close < 0 ? text.substring(open) : text.substring(open, close + 1);
            throw new IllegalArgumentException("link URL '" + template + "' uses " + name
                    + " but no value for it is known here (known: " + values.keySet() + ")");
        }
        return parse(text);
    }

    /**
     * This URL with parameter {@code name} set to {@code value}, or removed when {@code value} is
     * null; the other parameters keep their order. The one way code outside the link layer changes
     * a URL.
     */
    public LinkUrl with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(params);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        int q = text.indexOf('?');
        String base = q < 0 ? text : text.substring(0, q);
        String query = next.entrySet().stream()
                .map(e -> LinkUrlGrammar.encode(e.getKey()) + "=" + LinkUrlGrammar.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return parse(query.isEmpty() ? base : base + "?" + query);
    }

    /**
     * A readable, file-name-safe key that is distinct per URL: what a lock on the thing this URL
     * reaches is named after.
     */
    public String key() {
        String readable = text.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        return readable + "-" + Integer.toHexString(text.hashCode());
    }

    /** What this URL's medium promises before it is opened (by scheme; see {@link Links}). */
    public LinkCapabilities capabilities() {
        return Links.capabilities(this);
    }

    /** The value of parameter {@code name}, or {@code fallback} when the URL does not set it. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    @Override
    public String toString() { return text; }
}
