package io.llexthil.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A link URL says what its medium can do, and changes only through with() and expand(). */
class LinkUrlCapabilitiesTest {

    @Test
    void urlsPromiseWhatTheirMediumCanDoBeforeAnythingIsOpened() {
        LinkCapabilities sim = LinkUrl.parse("sim:?flash=/tmp/f").capabilities();
        LinkCapabilities qemu = LinkUrl.parse("qemu:arm?machine=mps2-an385&kernel=/k.elf").capabilities();
        LinkCapabilities serial = LinkUrl.parse("serial:///dev/ttyACM0?baud=115200").capabilities();
        LinkCapabilities tcp = LinkUrl.parse("tcp://127.0.0.1:5555").capabilities();
        LinkCapabilities rfc = LinkUrl.parse("rfc2217://host:2217").capabilities();

        assertThat(sim.launchesBoard()).isTrue();
        assertThat(sim.powerCycle()).isTrue();
        assertThat(qemu.launchesBoard()).isTrue();
        assertThat(serial.launchesBoard()).isFalse();
        assertThat(serial.controlLines()).isTrue();
        assertThat(serial.baudRate()).isTrue();
        assertThat(tcp.launchesBoard()).isFalse();
        assertThat(tcp.controlLines()).isFalse();
        assertThat(tcp.powerCycle()).isFalse();
        assertThat(rfc.controlLines()).isTrue();
        assertThat(LinkUrl.parse("pty:///dev/pts/3").capabilities().controlLines()).isFalse();
    }

    @Test
    void withSetsReplacesOrRemovesOneParameterAndKeepsTheOthersInOrder() {
        LinkUrl url = LinkUrl.parse("sim:?flash=/tmp/f&transport=tcp&build-id=0123456789abcdef");

        assertThat(url.with("build-id", "00000000deadbeef").text())
                .isEqualTo("sim:?flash=/tmp/f&transport=tcp&build-id=00000000deadbeef");
        assertThat(url.with("build-id", null).text()).isEqualTo("sim:?flash=/tmp/f&transport=tcp");
        assertThat(LinkUrl.parse("tcp://127.0.0.1:5555").with("nodelay", "true").text())
                .isEqualTo("tcp://127.0.0.1:5555?nodelay=true");
        assertThat(LinkUrl.parse("sim:?flash=/a").with("flash", null).text()).isEqualTo("sim:");
    }

    @Test
    void withEncodesWhatTheGrammarWouldReadOtherwise() {
        LinkUrl url = LinkUrl.parse("sim:?flash=/old").with("flash", "/tmp/my board&co.flash");

        assertThat(url.param("flash", null)).isEqualTo("/tmp/my board&co.flash");
        assertThat(LinkUrl.parse(url.text()).param("flash", null)).isEqualTo("/tmp/my board&co.flash");
    }

    @Test
    void expandFillsPlaceholdersAndNamesOneWithoutAValue() {
        LinkUrl url = LinkUrl.expand("sim:?flash=${run}/sim.flash", Map.of("run", "/runs/1", "repo", "/r"));

        assertThat(url.param("flash", null)).isEqualTo("/runs/1/sim.flash");
        assertThatThrownBy(() -> LinkUrl.expand("sim:?flash=${run}/sim.flash", Map.of("repo", "/r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses ${run} but no value for it is known here");
    }
}
