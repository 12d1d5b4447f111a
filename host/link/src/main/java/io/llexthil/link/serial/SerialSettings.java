package io.llexthil.link.serial;

import io.llexthil.link.LinkParams;
import io.llexthil.link.LinkUrl;
import java.util.List;
import java.util.Set;

/**
 * The line settings a serial or pty URL asks for, checked and in our own words (jSerialComm's int
 * constants stay inside {@link SerialPortAdapter}).
 */
public record SerialSettings(String path, int baud, Parity parity, StopBits stopBits, Flow flow, boolean exclusive) {

    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    public enum Flow { NONE, RTSCTS, XONXOFF }

    static final String EXAMPLE = "serial:///dev/ttyACM0?baud=115200&parity=none&stop=1&flow=none&exclusive=true";

    public static SerialSettings from(LinkUrl url) {
        LinkParams p = LinkParams.of(url, Set.of("baud", "parity", "stop", "flow", "exclusive"), EXAMPLE);
        Parity parity = Parity.valueOf(p.choice("parity", "none", List.of("none", "odd", "even", "mark", "space"))
                .toUpperCase());
        StopBits stop = switch (p.choice("stop", "1", List.of("1", "1.5", "2"))) {
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            case "2" -> StopBits.TWO;
            default -> StopBits.ONE;
        };
        Flow flow = Flow.valueOf(p.choice("flow", "none", List.of("none", "rtscts", "xonxoff")).toUpperCase());
        return new SerialSettings(url.target(), p.integer("baud", 115200, 50, 4_000_000), parity, stop, flow,
                p.bool("exclusive", true));
    }
}
