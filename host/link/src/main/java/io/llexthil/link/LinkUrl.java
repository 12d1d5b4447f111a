package io.llexthil.link;

import java.util.Map;

/**
 * A parsed link URL such as {@code serial:///dev/ttyACM0?baud=115200}, {@code tcp://127.0.0.1:5555},
 * {@code rfc2217://host:2217?baud=115200} or {@code qemu:...}. The exact grammar is in docs/links.md;
 * {@code parse} rejects bad input with an {@link IllegalArgumentException} whose one-line message
 * says what is wrong and how to write it instead.
 *
 * @param scheme  serial, pty, tcp, rfc2217, qemu
 * @param target  device path, host:port, or the QEMU spec
 * @param params  query parameters, in order
 * @param text    the URL exactly as written
 */
public record LinkUrl(String scheme, String target, Map<String, String> params, String text) {
    @Override
    public String toString() { return text; }
}
