package io.llexthil.link;

import java.util.Map;

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

    /** The value of parameter {@code name}, or {@code fallback} when the URL does not set it. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    @Override
    public String toString() { return text; }
}
