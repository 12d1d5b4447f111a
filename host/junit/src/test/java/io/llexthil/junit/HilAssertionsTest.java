package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.board.HeapStats;
import io.llexthil.board.HilReply;
import io.llexthil.board.LlextState;
import io.llexthil.board.ResultLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages of the domain assertions; the real board's replies are exercised in HilAssertionsIT. */
class HilAssertionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HilReply reply(String command, int rc, String json) throws Exception {
        return new HilReply(command, 7, rc, JSON.readTree(json), ResultLine.format(ResultLine.HIL, 7, rc, json), null);
    }

    @Test
    void succeededAndFailedWith() throws Exception {
        HilReply ok = reply("load producer", 0, "{}");
        HilReply enomem = reply("ctx restore", -12, "{\"error\":\"out of LLEXT heap\"}");

        HilAssertions.assertThat(ok).succeeded();
        HilAssertions.assertThat(enomem).failedWith(-12).failed();
        assertThatThrownBy(() -> HilAssertions.assertThat(enomem).succeeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting 'hil ctx restore' to succeed but it failed with rc -12 (-ENOMEM): out of LLEXT heap")
                .hasMessageContaining("result line: @@HIL|7|-12|");
        assertThatThrownBy(() -> HilAssertions.assertThat(ok).failedWith(-2))
                .hasMessageContaining("Expecting 'hil load producer' to fail with rc -2 (-ENOENT) but it succeeded");
        assertThatThrownBy(() -> HilAssertions.assertThat(enomem).failedWith(-22))
                .hasMessageContaining("but it failed with rc -12 (-ENOMEM): out of LLEXT heap");
        assertThatThrownBy(() -> HilAssertions.assertThat(ok).failedWith(12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HilAssertions.assertThat(reply("x", -999, "{}")).succeeded())
                .hasMessageContaining("rc -999:");
        assertThatThrownBy(() -> HilAssertions.assertThat((HilReply) null).succeeded())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void returnedValue() throws Exception {
        HilAssertions.assertThat(reply("call counter counter_next", 0, "{\"value\":5}")).returnedValue(5);
        assertThatThrownBy(() -> HilAssertions.assertThat(reply("call a b", 0, "{}")).returnedValue(5))
                .hasMessageContaining("to return 5 but it returned no value");
    }

    @Test
    void stateAndExtensions() {
        LlextState state = new LlextState(List.of(
                new LlextState.Ext("producer", 2, List.of(), 3, 4, 100),
                new LlextState.Ext("consumer", 1, List.of("producer"), 0, 4, 80)),
                new HeapStats(16384, 180, 16204, 200, 6), "{}");

        HilAssertions.assertThat(state).hasExtensions("producer", "consumer")
                .extension("consumer").dependsOn("producer").hasUseCount(1);
        HilAssertions.assertThat(state).extension("producer").hasNoDependencies();
        assertThatThrownBy(() -> HilAssertions.assertThat(state).extension("consumer").dependsOn("producer", "counter"))
                .hasMessageContaining("Expecting extension 'consumer' to depend on [counter] but its dependencies are [producer]");
        assertThatThrownBy(() -> HilAssertions.assertThat(state).hasNoExtensions())
                .hasMessageContaining("Expecting no extension loaded but found [producer, consumer]");
        assertThatThrownBy(() -> HilAssertions.assertThat(state).hasNoHeapInUse())
                .hasMessageContaining("180 bytes are in use in 6 allocations");
        assertThatThrownBy(() -> HilAssertions.assertThat(state).extension("producer").hasUseCount(1))
                .hasMessageContaining("Expecting extension 'producer' to have use count 1 but it has 2");
    }
}
