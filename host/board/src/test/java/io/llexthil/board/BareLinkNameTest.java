package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A board given only by its link is named after what the link reaches. */
class BareLinkNameTest {
    @Test
    void namesSayWhatTheLinkReaches() {
        assertThat(BareLinkName.of("tcp://10.0.0.5:5555")).isEqualTo("10.0.0.5:5555");
        assertThat(BareLinkName.of("rfc2217://lab-gw:2217?baud=115200")).isEqualTo("lab-gw:2217");
        assertThat(BareLinkName.of("serial:///dev/ttyACM0?baud=115200")).isEqualTo("ttyACM0");
        assertThat(BareLinkName.of("sim:?flash=/tmp/a.flash&transport=tcp")).isEqualTo("sim:a.flash");
        assertThat(BareLinkName.of("qemu:arm?machine=mps2-an385&kernel=/fw/zephyr.elf")).isEqualTo("qemu:zephyr.elf");
    }
}
