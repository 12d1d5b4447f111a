package io.llexthil.link;

import io.llexthil.link.qemu.QemuLink;
import io.llexthil.link.rfc2217.Rfc2217Link;
import io.llexthil.link.serial.SerialLink;
import io.llexthil.link.sim.SimLink;
import io.llexthil.link.tcp.TcpLink;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds a {@link Link} from a {@link LinkUrl} by its scheme, and says what a scheme's links can do
 * before one is opened. The built-in schemes are serial, pty, tcp, rfc2217, sim and qemu; a new
 * medium is one {@link #register} call here.
 */
public final class Links {
    private static final Map<String, Function<LinkUrl, Link>> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<String, LinkCapabilities> PROMISES = new ConcurrentHashMap<>();

    static {
        register("serial", SerialLink::new, new LinkCapabilities(true, true, "serial port: DTR/RTS and baud rate"));
        register("pty", SerialLink::new, new LinkCapabilities(false, false, "pty: bytes only"));
        register("tcp", TcpLink::new, new LinkCapabilities(false, false, "raw TCP: bytes only"));
        register("rfc2217", Rfc2217Link::new,
                new LinkCapabilities(true, true, "RFC 2217: DTR/RTS and baud rate when the server accepts them"));
        register("sim", SimLink::new, LinkCapabilities.launched("simulated board started by the link"));
        register("qemu", QemuLink::new, LinkCapabilities.launched("QEMU started by the link; QMP system_reset"));
    }

    private Links() {}

    /**
     * Adds or replaces the factory for {@code scheme}. The factory checks the URL's parameters and
     * throws {@link IllegalArgumentException} for bad ones; it must not open anything yet.
     */
    public static void register(String scheme, Function<LinkUrl, Link> factory, LinkCapabilities promise) {
        FACTORIES.put(scheme, factory);
        PROMISES.put(scheme, promise);
    }

    /** What a URL of this scheme promises before it is opened; bytes only for an unknown scheme. */
    static LinkCapabilities capabilities(LinkUrl url) {
        LinkCapabilities c = PROMISES.get(url.scheme());
        return c != null ? c : new LinkCapabilities(false, false, url.scheme() + ": bytes only");
    }

    /** A new, not yet opened link for {@code url}; parameters are checked here. */
    public static Link create(LinkUrl url) {
        Function<LinkUrl, Link> factory = FACTORIES.get(url.scheme());
        if (factory == null) {
            throw new IllegalArgumentException("bad link URL '" + url.text() + "': unknown scheme '" + url.scheme()
                    + "' (known: " + String.join(", ", new TreeSet<>(FACTORIES.keySet()))
                    + "; example: tcp://127.0.0.1:5555)");
        }
        return factory.apply(url);
    }

    /** Shorthand for {@code create(LinkUrl.parse(text))}. */
    public static Link create(String text) {
        return create(LinkUrl.parse(text));
    }
}
