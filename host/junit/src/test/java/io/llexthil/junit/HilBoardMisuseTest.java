package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.board.BoardClient;
import java.nio.file.Path;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Mistakes in a test class fail it with a message naming the field and the fix; no board is opened. */
class HilBoardMisuseTest {

    @Test
    void aFieldOfAnotherTypeIsRefused() {
        assertThat(InnerRuns.allFailures(InnerRuns.run(WrongFieldType.class))).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(WrongFieldType.class.getName() + ".board: @HilBoard needs a field of type BoardClient, not java.lang.String");
        assertNothingOpenedFor(WrongFieldType.class);
    }

    @Test
    void aFinalFieldIsRefused() {
        assertThat(InnerRuns.allFailures(InnerRuns.run(FinalField.class))).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(".board: a @HilBoard field must not be final");
        assertNothingOpenedFor(FinalField.class);
    }

    @Test
    void aParameterOfAnotherTypeIsRefused() {
        EngineExecutionResults results = InnerRuns.run(WrongParameterType.class);
        assertThat(InnerRuns.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("the type must be BoardClient, not java.lang.Integer");
        assertNothingOpenedFor(WrongParameterType.class);
    }

    @Test
    void anUnknownBoardNameFailsTheClassOnceWithTheInventorysMessage() {
        EngineExecutionResults results = InnerRuns.run(UnknownBoard.class);
        // beforeAll fails: the class fails once, its tests never start
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(InnerRuns.allFailures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining("no board named 'no-such-board' (known: ").hasMessageContaining("sim");
    }

    /** No transcript directory: the class was refused before a board was opened. */
    private static void assertNothingOpenedFor(Class<?> testClass) {
        assertThat(Path.of("target", "llext-hil", testClass.getName())).doesNotExist();
    }

    @ExtendWith(HilBoardExtension.class)
    static class WrongFieldType {
        @HilBoard
        String board;

        @Test
        void neverRuns() {
            throw new AssertionError("refused before: " + board);
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class FinalField {
        @HilBoard
        final BoardClient board = null;

        @Test
        void neverRuns() {
            throw new AssertionError("refused before: " + board);
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class WrongParameterType {
        @Test
        void neverRuns(@HilBoard Integer board) {
            throw new AssertionError("refused before: " + board);
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class UnknownBoard {
        @HilBoard(name = "no-such-board")
        BoardClient board;

        @Test
        void neverRuns() {
            throw new AssertionError("refused before: " + board);
        }

        @Test
        void neverRunsEither() {
            throw new AssertionError("refused before: " + board);
        }
    }
}
