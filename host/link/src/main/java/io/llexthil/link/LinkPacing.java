package io.llexthil.link;

import java.time.Duration;
import java.util.Optional;

/**
 * What a link URL tells about pacing, for links that launch their own board. A board profile's
 * {@code pacing} wins over this; {@link Pacing#GENERIC_SERIAL} applies where neither says
 * anything (docs/links.md, "Pacing").
 *
 * <ul>
 *   <li>{@code qemu:}: QEMU's serial chardev hands the guest's UART a byte only when it can take
 *       one, so nothing is ever dropped: unpaced.</li>
 *   <li>{@code sim:} without {@code baud=}: the sim reads only what its RX ring can hold: unpaced.
 *       With {@code baud=}: a UART at that rate into an {@code rx-buf} ring (1024 bytes unless
 *       given) that the shell drains while it echoes; half a ring per write, and the time the
 *       line needs to carry that chunk and its echo between writes.</li>
 * </ul>
 */
public final class LinkPacing {
    static final int SIM_DEFAULT_RX_BUF = 1024;

    private LinkPacing() { }

    public static Optional<Pacing> forUrl(LinkUrl url) {
        return switch (url.scheme()) {
            case "qemu" -> Optional.of(Pacing.UNPACED);
            case "sim" -> Optional.of(sim(url));
            default -> Optional.empty();
        };
    }

    private static Pacing sim(LinkUrl url) {
        int baud = intParam(url, "baud", 0);
        if (baud <= 0) return Pacing.UNPACED;
        int ring = Math.max(2, intParam(url, "rx-buf", SIM_DEFAULT_RX_BUF));
        int chunk = ring / 2;
        long bytesPerSecond = Math.max(1, baud / 10);
        // the chunk in, its echo out: both at the line rate
        long micros = 2L * chunk * 1_000_000L / bytesPerSecond;
        return new Pacing(chunk, Duration.ofNanos(micros * 1000));
    }

    private static int intParam(LinkUrl url, String name, int fallback) {
        try {
            return Integer.parseInt(url.param(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback; // the sim link itself rejects a malformed value with its own message
        }
    }
}
