package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.llexthil.board.BoardClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A failing test gets what the board said last attached to its failure, as a suppressed
 * {@link BoardTranscriptExcerpt}: the report then shows the board's side next to the assertion.
 */
class FailureTranscriptIT {

    @Test
    void aFailingAssertionCarriesTheLast40TranscriptLines() throws IOException {
        EngineExecutionResults results = InnerRuns.run(FailsOnPurpose.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = InnerRuns.failures(results).get(0);
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting 'hil load not-uploaded' to succeed but it failed with rc -2 (-ENOENT)");

        BoardTranscriptExcerpt excerpt = excerptOf(failure);
        assertThat(excerpt.board()).isEqualTo("sim");
        // 30 x `hil info` first: far more than 40 lines were received, the excerpt keeps the last 40
        assertThat(excerpt.lines()).hasSize(HilBoardExtension.EXCERPT_LINES);
        assertThat(excerpt.lines()).anyMatch(l -> l.contains("hil @") && l.contains("load not-uploaded"));
        assertThat(excerpt.lines()).anyMatch(l -> l.startsWith("@@HIL|") && l.contains("no image named 'not-uploaded'"));
        assertThat(excerpt.getMessage()).startsWith("board 'sim' (sim:?flash=")
                .contains("last 40 of ").contains("full transcript: ")
                .contains("\n  | ");
        assertThat(excerpt.getStackTrace()).as("the excerpt is a message, not a stack").isEmpty();

        // the full transcript stays in target/llext-hil/<test class>/ for after the run
        Path transcript = excerpt.transcriptFile();
        assertThat(transcript).isEqualTo(Path.of("target", "llext-hil", FailsOnPurpose.class.getName(), "sim.log"));
        assertThat(Files.readString(transcript)).contains("load not-uploaded").contains("*** Booting Zephyr OS build");
    }

    @Test
    void aFailingLifecycleMethodGetsTheExcerptToo() {
        EngineExecutionResults results = InnerRuns.run(FailsAfterEach.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = InnerRuns.failures(results).get(0);
        assertThat(failure).hasMessageContaining("after-each failed on purpose");
        BoardTranscriptExcerpt excerpt = excerptOf(failure);
        assertThat(excerpt.lines()).anyMatch(l -> l.contains("\"board\":\"sim\""));
        assertThat(excerpt.lines().size()).isBetween(1, HilBoardExtension.EXCERPT_LINES);
    }

    @Test
    void aPassingTestIsReportedAsPassed() {
        EngineExecutionResults results = InnerRuns.run(Passes.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    private static BoardTranscriptExcerpt excerptOf(Throwable failure) {
        List<BoardTranscriptExcerpt> excerpts = Arrays.stream(failure.getSuppressed())
                .filter(BoardTranscriptExcerpt.class::isInstance).map(BoardTranscriptExcerpt.class::cast).toList();
        assertThat(excerpts).as("suppressed of %s", failure).hasSize(1);
        return excerpts.get(0);
    }

    @ExtendWith(HilBoardExtension.class)
    static class FailsOnPurpose {
        @HilBoard
        BoardClient board;

        @Test
        void loadsAnExtensionThatWasNeverUploaded() {
            for (int i = 0; i < 30; i++) {
                board.info();
            }
            HilAssertions.assertThat(board.load("not-uploaded")).succeeded();
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class FailsAfterEach {
        @HilBoard
        BoardClient board;

        @Test
        void asksForInfo() {
            assertThat(board.info().board()).isEqualTo("sim");
        }

        @AfterEach
        void tearDown() {
            fail("after-each failed on purpose");
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class Passes {
        @HilBoard
        BoardClient board;

        @Test
        void asksForInfo() {
            assertThat(board.info().board()).isEqualTo("sim");
        }
    }
}
