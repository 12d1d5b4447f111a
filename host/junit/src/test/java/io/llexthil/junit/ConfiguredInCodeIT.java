package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.board.AccessMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A board configured with the builder, in the style of Testcontainers' containers. */
class ConfiguredInCodeIT {

    @RegisterExtension
    static final HilBoardExtension HIL = HilBoardExtension.builder().name("sim").resetBeforeEach(true).build();

    @Test
    void theBoardIsReadyInTests() {
        assertThat(HIL.client().accessMode()).isEqualTo(AccessMode.READ_WRITE);
        assertThat(HIL.client().info().board()).isEqualTo("sim");
    }

    @Test
    void resetBeforeEachGivesEveryTestANewBoot() {
        HilAssertions.assertThat(HIL.client().state()).hasNoExtensions();
        HilAssertions.assertThat(HIL.client().upload("counter", SampleExtensions.image("counter")).reply()).succeeded();
        HilAssertions.assertThat(HIL.client().load("counter")).succeeded();
    }

    @Test
    void theAnnotationDrivenExtensionHasNoClientOfItsOwn() {
        assertThatThrownBy(() -> new HilBoardExtension().client()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HilBoardExtension.builder()");
    }
}
