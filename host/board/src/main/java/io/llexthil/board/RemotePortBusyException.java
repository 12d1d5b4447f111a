package io.llexthil.board;

import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.ShellException;
import io.llexthil.shell.inventory.BoardBusyException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A board behind ser2net on another machine that some other client is using. A file lock cannot
 * reach across hosts, but ser2net itself leases its ports: it accepts one connection per port
 * (its default), and answers a second one with its telnet greeting, {@code Port already in use}
 * and a close. The link layer sees only a connection closed while it negotiates, so after a failed
 * open of a network link the port is asked once more, raw, and ser2net's refusal there is this
 * busy error (the probe is bounded: {@link #PROBE_TIMEOUT} to connect, the same to read).
 */
public final class RemotePortBusyException extends BoardBusyException {
    /** What ser2net 4 writes to a client when the port is taken. */
    static final String SER2NET_REFUSAL = "Port already in use";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** Links that reach a port some server leases (ser2net's telnet/RFC 2217 or raw accepters). */
    private static final Set<String> NETWORK_SCHEMES = Set.of("rfc2217", "tcp");

    private RemotePortBusyException(String id, String holder, String message, Throwable cause) {
        super(id, holder, message, cause);
    }

    /** {@code e} as a busy error when it carries ser2net's refusal, else {@code e} itself. */
    static RuntimeException orElse(RuntimeException e, BoardProfile profile) {
        String seen = e instanceof ShellException se ? se.lastBytes() + " " + se.getMessage() : String.valueOf(e.getMessage());
        LinkUrl url = parsed(profile.link());
        boolean network = url != null && NETWORK_SCHEMES.contains(url.scheme());
        if (!seen.contains(SER2NET_REFUSAL) && !(network && refuses(url.target()))) {
            return e;
        }
        String where = url == null ? profile.link() : url.target();
        String holder = "another client of ser2net at " + where;
        return new RemotePortBusyException(profile.id(), holder, "board " + profile.name() + " is busy: held by " + holder
                + " (ser2net answered \"" + SER2NET_REFUSAL + "\"); try again when it is free, or let run/fuzz wait"
                + " for it with --wait DURATION", e);
    }

    private static LinkUrl parsed(String link) {
        try {
            return link == null ? null : LinkUrl.parse(link);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the server at {@code host:port} answers a fresh connection with ser2net's refusal. */
    static boolean refuses(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    (int) PROBE_TIMEOUT.toMillis());
            s.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[256];
            int n;
            while (seen.length() < 4096 && (n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (seen.indexOf(SER2NET_REFUSAL) >= 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // nothing answered, it went quiet, or no host:port: not a refusal we can name
        }
    }
}
