package io.llexthil.junit;

import static io.llexthil.junit.HilAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.board.BoardClient;
import io.llexthil.board.HilReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The domain assertions on real replies and states of the simulated board. */
@ExtendWith(HilBoardExtension.class)
class HilAssertionsIT {

    @HilBoard(resetBeforeEach = true)
    BoardClient board;

    @Test
    void dependenciesAndUseCountsOfLoadedExtensions() {
        for (String ext : new String[] {"producer", "consumer"}) {
            assertThat(board.upload(ext, SampleExtensions.image(ext), null).reply()).succeeded();
            assertThat(board.load(ext)).succeeded();
        }
        assertThat(board.state())
                .hasExtensions("producer", "consumer")
                .extension("consumer").dependsOn("producer");
        assertThat(board.state()).extension("producer").hasNoDependencies().hasUseCount(2);
        assertThatThrownBy(() -> assertThat(board.state()).hasExtensions("consumer", "producer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exactly [consumer, producer] (in list order) but they were [producer, consumer]");
        assertThatThrownBy(() -> assertThat(board.state()).extension("counter"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting extension 'counter' to be loaded but the board has [producer, consumer]");
    }

    @Test
    void anInjectedAllocationFailureIsAFailedWithEnomem() {
        assertThat(board.upload("noexp", SampleExtensions.image("noexp"), null).reply()).succeeded();
        assertThat(board.faultAlloc(1)).succeeded();
        HilReply load = board.load("noexp");
        assertThat(load).failedWith(-12).failed();
        assertThatThrownBy(() -> assertThat(load).succeeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting 'hil load noexp' to succeed but it failed with rc -12 (-ENOMEM)")
                .hasMessageContaining("result line: @@HIL|");
        assertThat(board.state()).hasNoExtensions().hasNoHeapInUse();
    }

    @Test
    void aCallReturnsItsValue() {
        assertThat(board.upload("counter", SampleExtensions.image("counter"), null).reply()).succeeded();
        assertThat(board.load("counter")).succeeded();
        long first = board.call("counter", "counter_next").payload().path("value").asLong();
        assertThat(board.call("counter", "counter_next")).returnedValue(first + 1);
        assertThatThrownBy(() -> assertThat(board.call("counter", "counter_next")).returnedValue(first))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to return " + first + " but it returned " + (first + 2));
    }
}
