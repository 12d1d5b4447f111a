package io.llexthil.link;

import io.llexthil.link.rfc2217.Rfc2217Link;
import io.llexthil.link.serial.SerialLink;
import io.llexthil.link.sim.SimLink;
import io.llexthil.link.tcp.TcpLink;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds a {@link Link} from a {@link LinkUrl} by its scheme. Modules that add a medium (the QEMU
 * launcher) {@link #register} their scheme once, e.g. in a static initialiser; the built-in ones
 * are serial, pty, tcp, rfc2217, sim and qemu.
 */
public final class Links {
    private static final Map<String, Function<LinkUrl, Link>> FACTORIES = new ConcurrentHashMap<>();

    static {
        FACTORIES.put("serial", SerialLink::new);
        FACTORIES.put("pty", SerialLink::new);
        FACTORIES.put("tcp", TcpLink::new);
        FACTORIES.put("rfc2217", Rfc2217Link::new);
        FACTORIES.put("sim", SimLink::new);
        FACTORIES.put(io.llexthil.link.qemu.QemuLinks.SCHEME, io.llexthil.link.qemu.QemuLink::new);
    }

    private Links() {}

    /**
     * Adds or replaces the factory for {@code scheme}. The factory checks the URL's parameters and
     * throws {@link IllegalArgumentException} for bad ones; it must not open anything yet.
     */
    public static void register(String scheme, Function<LinkUrl, Link> factory) {
        FACTORIES.put(scheme, factory);
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
