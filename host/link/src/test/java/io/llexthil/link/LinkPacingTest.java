package io.llexthil.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a link URL tells about pacing (docs/links.md, "Pacing"). */
class LinkPacingTest {

    private static java.util.Optional<Pacing> of(String url) {
        return LinkPacing.forUrl(LinkUrl.parse(url));
    }

    @Test
    void qemuAndAnUnthrottledSimNeedNoPacing() {
        assertThat(of("qemu:arm?machine=mps2-an385&kernel=/tmp/x.elf")).contains(Pacing.UNPACED);
        assertThat(of("sim:?flash=/tmp/f")).contains(Pacing.UNPACED);
    }

    @Test
    void aSimAtALineRateTypesHalfItsRingPerWriteAndWaitsForTheLine() {
        // 115200 baud = 11520 B/s; 32 bytes in and their echo out: 64 / 11520 s = 5555 us
        assertThat(of("sim:?flash=/tmp/f&baud=115200&rx-buf=64"))
                .contains(new Pacing(32, Duration.ofNanos(5_555_000)));
        assertThat(of("sim:?flash=/tmp/f&baud=115200").orElseThrow().chunk()).isEqualTo(512);
    }

    @Test
    void mediaWithoutKnowledgeLeaveItToTheProfileOrTheGenericDefaults() {
        assertThat(of("serial:///dev/ttyACM0?baud=115200")).isEmpty();
        assertThat(of("tcp://127.0.0.1:5555")).isEmpty();
        assertThat(Pacing.GENERIC_SERIAL).isEqualTo(new Pacing(16, Duration.ofMillis(5)));
    }
}
