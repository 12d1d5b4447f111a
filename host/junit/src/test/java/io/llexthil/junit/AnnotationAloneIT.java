package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.board.BoardClient;
import org.junit.jupiter.api.Test;

/** {@code @HilBoard} registers its extension itself: no {@code @ExtendWith} on the class. */
class AnnotationAloneIT {

    @HilBoard
    BoardClient board;

    @Test
    void aFieldIsFilledWithoutExtendWith() {
        assertThat(board).isNotNull();
        assertThat(board.info().board()).isEqualTo("sim");
    }

    @Test
    void aParameterIsFilledToo(@HilBoard BoardClient parameter) {
        assertThat(parameter).isSameAs(board);
        // the overload without a progress listener
        HilAssertions.assertThat(parameter.upload("producer", SampleExtensions.image("producer")).reply()).succeeded();
    }
}
