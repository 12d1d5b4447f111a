package io.llexthil.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.link.rfc2217.Rfc2217Link;
import io.llexthil.link.serial.SerialLink;
import io.llexthil.link.sim.SimLink;
import io.llexthil.link.tcp.TcpLink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkUrlTest {

    @Test
    void serialUrlKeepsPathAndParametersInOrder() {
        LinkUrl url = LinkUrl.parse("serial:///dev/ttyACM0?baud=115200&parity=none&stop=1&flow=none&exclusive=true");
        assertThat(url.scheme()).isEqualTo("serial");
        assertThat(url.target()).isEqualTo("/dev/ttyACM0");
        assertThat(List.copyOf(url.params().keySet())).containsExactly("baud", "parity", "stop", "flow", "exclusive");
        assertThat(url.params()).containsEntry("baud", "115200");
        assertThat(url.text()).isEqualTo("serial:///dev/ttyACM0?baud=115200&parity=none&stop=1&flow=none&exclusive=true");
        assertThat(url.toString()).isEqualTo(url.text());
    }

    @Test
    void hostPortSchemesAndSim() {
        assertThat(LinkUrl.parse("tcp://127.0.0.1:5555?nodelay=true").target()).isEqualTo("127.0.0.1:5555");
        assertThat(LinkUrl.parse("rfc2217://lab-host.example:2217?baud=115200").target()).isEqualTo("lab-host.example:2217");
        assertThat(LinkUrl.parse("tcp://[::1]:5555").target()).isEqualTo("[::1]:5555");
        LinkUrl sim = LinkUrl.parse("sim:?flash=/tmp/my%20board.flash&transport=pty");
        assertThat(sim.target()).isEmpty();
        assertThat(sim.params()).isEqualTo(Map.of("flash", "/tmp/my board.flash", "transport", "pty"));
        assertThat(LinkUrl.parse("pty:///dev/pts/5").target()).isEqualTo("/dev/pts/5");
        assertThat(LinkUrl.parse("serial:///dev/serial/by-id/usb-SEGGER_J-Link_000683-if00").target())
                .isEqualTo("/dev/serial/by-id/usb-SEGGER_J-Link_000683-if00");
    }

    @Test
    void otherSchemesParseGenerically() {
        LinkUrl url = LinkUrl.parse("qemu:mps2-an385?kernel=/tmp/k.elf");
        assertThat(url.scheme()).isEqualTo("qemu");
        assertThat(url.target()).isEqualTo("mps2-an385");
        assertThat(url.param("kernel", "")).isEqualTo("/tmp/k.elf");
        assertThat(url.param("missing", "fallback")).isEqualTo("fallback");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | empty link URL",
            "/dev/ttyACM0                         | no scheme",
            "Serial:///dev/ttyACM0                | must be lower-case",
            "serial:/dev/ttyACM0                  | absolute device path after 'serial://'",
            "serial://dev/ttyACM0                 | absolute device path",
            "tcp://127.0.0.1                      | needs host:port",
            "tcp:127.0.0.1:5555                   | needs host:port",
            "tcp://127.0.0.1:70000                | outside 1..65535",
            "rfc2217://host:0                     | outside 1..65535",
            "sim:/tmp/x?flash=/tmp/f              | sim takes no target",
            "serial:///dev/ttyACM0?baud           | parameter 'baud' has no value",
            "serial:///dev/ttyACM0?=5             | empty parameter name",
            "serial:///dev/ttyACM0?baud=1&baud=2  | given twice",
            "sim:?flash=/tmp/a%2                  | truncated percent escape",
            "sim:?flash=/tmp/a%zz                 | bad percent escape",
    })
    void badUrlsSayWhatIsWrongAndGiveAnExample(String text, String expected) {
        assertThatThrownBy(() -> LinkUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("(example: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void createPicksTheImplementationByScheme() {
        assertThat(Links.create("serial:///dev/ttyACM0?baud=9600")).isInstanceOf(SerialLink.class);
        assertThat(Links.create("pty:///dev/pts/5")).isInstanceOf(SerialLink.class);
        assertThat(Links.create("tcp://127.0.0.1:5555")).isInstanceOf(TcpLink.class);
        assertThat(Links.create("rfc2217://127.0.0.1:2217?baud=115200")).isInstanceOf(Rfc2217Link.class);
        assertThat(Links.create("sim:?flash=/tmp/x.flash&profile=upstream&transport=tcp&baud=115200&rx-buf=64"))
                .isInstanceOf(SimLink.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "serial:///dev/ttyACM0?buad=9600      | unknown parameter 'buad' for serial (known: baud, exclusive, flow, parity, stop)",
            "serial:///dev/ttyACM0?baud=fast      | baud=fast is not a whole number",
            "serial:///dev/ttyACM0?baud=10        | baud=10 is outside 50..4000000",
            "serial:///dev/ttyACM0?parity=maybe   | parity=maybe is not one of none|odd|even|mark|space",
            "serial:///dev/ttyACM0?stop=3         | stop=3 is not one of 1|1.5|2",
            "serial:///dev/ttyACM0?flow=dsr       | flow=dsr is not one of none|rtscts|xonxoff",
            "serial:///dev/ttyACM0?exclusive=perhaps | exclusive=perhaps is not true or false",
            "tcp://127.0.0.1:5555?baud=9600       | unknown parameter 'baud' for tcp",
            "rfc2217://127.0.0.1:2217?baud=x      | baud=x is not a whole number",
            "sim:?profile=upstream                | parameter 'flash' is required",
            "sim:?flash=/tmp/f&transport=udp      | transport=udp is not one of tcp|pty",
            "sim:?flash=/tmp/f&profile=mine       | profile=mine is not one of upstream|contract",
            "sim:?flash=/tmp/f&rx-buf=-1          | rx-buf=-1 is outside 1..",
            "nope://x                             | unknown scheme 'nope'",
    })
    void createRejectsBadParameters(String text, String expected) {
        assertThatThrownBy(() -> Links.create(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("example: ");
    }

    @Test
    void otherModulesCanRegisterASchemeAndOpenLinksThroughIt() {
        Link fake = Links.create("tcp://127.0.0.1:1");
        Links.register("test-scheme", url -> fake, new LinkCapabilities(false, false, "test"));
        assertThat(Links.create("test-scheme:whatever")).isSameAs(fake);
    }
}
