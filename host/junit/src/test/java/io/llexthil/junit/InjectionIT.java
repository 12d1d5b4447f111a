package io.llexthil.junit;

import io.llexthil.shell.DefaultShellSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fields and parameters get a ready simulated board; equal annotations share it. */
@ExtendWith(HilBoardExtension.class)
class InjectionIT {

    @HilBoard
    static BoardClient classBoard;

    @HilBoard
    BoardClient board;

    private BoardClient fromBeforeEach;

    @BeforeEach
    void lifecycleMethodsTakeParametersToo(@HilBoard BoardClient parameter) {
        fromBeforeEach = parameter;
    }

    @Test
    void aFieldGetsAReadyBoard() {
        assertThat(board).isNotNull();
        assertThat(board.accessMode()).isEqualTo(AccessMode.READ_WRITE);
        assertThat(board.info().board()).isEqualTo("sim");
    }

    @Test
    void aParameterWithTheSameAttributesGetsTheSameBoard(@HilBoard BoardClient parameter) {
        assertThat(parameter).isSameAs(board).isSameAs(classBoard).isSameAs(fromBeforeEach);
        assertThat(parameter.info().bootCount()).isEqualTo(board.info().bootCount());
    }

    @Test
    void otherAttributesGetAnotherBoardWithItsOwnTranscriptDirectory(
            @HilBoard(mode = AccessMode.READ_ONLY) BoardClient readOnly) {
        assertThat(readOnly).isNotSameAs(board);
        assertThat(readOnly.accessMode()).isEqualTo(AccessMode.READ_ONLY);
        assertThat(readOnly.info().board()).isEqualTo("sim");
        Path own = runDir().resolve("sim.log");
        assertThat(board.session().transcript().strippedFile()).isEqualTo(own);
        assertThat(readOnly.session().transcript().strippedFile()).isEqualTo(runDir().resolve("board-2/sim.log"));
    }

    @Test
    void transcriptsGoToTargetLlextHilTestClass() {
        board.info();
        Path transcript = board.session().transcript().strippedFile();
        assertThat(transcript).isEqualTo(runDir().resolve("sim.log"));
        assertThat(Files.isRegularFile(transcript)).isTrue();
        assertThat(board.session().transcript().rawFile()).isEqualTo(runDir().resolve("sim.raw.log"));
    }

    @Test
    void theSimGetsAPrivateFreshFlashFile() {
        String link = ((DefaultShellSession) board.session()).link().url().toString();
        assertThat(link).startsWith("sim:").contains("flash=").doesNotContain("${run}");
        String flash = link.replaceAll(".*flash=([^&]*).*", "$1");
        assertThat(Path.of(flash)).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(Path.of(flash)).isRegularFile();
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterClassBoard(@HilBoard BoardClient parameter) {
            assertThat(parameter).isSameAs(board);
        }
    }

    private static Path runDir() {
        return Path.of("target", "llext-hil", InjectionIT.class.getName());
    }
}
