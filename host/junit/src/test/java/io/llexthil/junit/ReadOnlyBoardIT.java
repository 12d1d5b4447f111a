package io.llexthil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.ReadOnlyViolationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A READ_ONLY board (field diagnostics) answers reads and refuses writes before sending a byte. */
@ExtendWith(HilBoardExtension.class)
class ReadOnlyBoardIT {

    @HilBoard(mode = AccessMode.READ_ONLY)
    BoardClient board;

    @Test
    void readsWork() {
        assertThat(board.accessMode()).isEqualTo(AccessMode.READ_ONLY);
        assertThat(board.info().board()).isEqualTo("sim");
        HilAssertions.assertThat(board.state()).hasNoExtensions().hasNoHeapInUse();
        assertThat(board.ctxInfo().slots()).isNotEmpty();
    }

    @Test
    void writesAreRefusedAndNothingReachesTheBoard() {
        board.info(); // the board is up and talking
        int linesBefore = board.session().transcript().mark();

        List<ThrowingCallable> writes = List.of(
                () -> board.load("producer"),
                () -> board.unload("producer"),
                () -> board.ctxSave(List.of()),
                () -> board.ctxRestore(List.of()),
                () -> board.ctxErase(),
                () -> board.faultAlloc(1),
                () -> board.upload("producer", new byte[] {1, 2, 3}, null),
                () -> board.command("reset cold", Duration.ofSeconds(5)),
                () -> board.reset(Duration.ofSeconds(5)));
        for (ThrowingCallable write : writes) {
            assertThatThrownBy(write).isInstanceOf(ReadOnlyViolationException.class)
                    .hasMessageContaining("read-only");
        }
        // no echo, no result: not a byte of those commands was sent
        assertThat(board.session().transcript().mark()).isEqualTo(linesBefore);
        assertThat(board.info().board()).isEqualTo("sim");
    }
}
