package io.llexthil.junit;

import io.llexthil.board.AccessMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.board.BoardClient;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.ShellDisconnectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The board's lifetime: opened once for a class (the same process, hence the same boot count,
 * across its tests), closed after it, its fresh flash file removed; with resetBeforeEach every
 * test after the first starts on a new boot.
 */
class OneBoardPerClassIT {

    /** What the inner classes saw, one entry per test, in order. */
    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    record Seen(BoardClient board, long bootCount, int epoch, Path flash, List<String> loadedAtStart) { }

    @Test
    void twoTestsOfAClassShareOneBoardThatIsClosedAfterTheClass() {
        SEEN.clear();
        EngineExecutionResults results = InnerRuns.run(TwoTestsOneBoard.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(SEEN).hasSize(2);
        Seen first = SEEN.get(0);
        Seen second = SEEN.get(1);
        assertThat(second.board()).isSameAs(first.board());
        assertThat(second.bootCount()).as("boot count: no reset, no new process").isEqualTo(first.bootCount());
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(first.loadedAtStart()).isEmpty();
        assertThat(second.loadedAtStart()).as("the first test's extension is still loaded").containsExactly("counter");

        // closed after the class: the session is gone and the private flash file with it
        assertThatThrownBy(() -> first.board().info()).isInstanceOf(ShellDisconnectedException.class)
                .hasMessageContaining("session closed");
        assertThat(Files.exists(first.flash())).as("fresh flash file removed: %s", first.flash()).isFalse();
    }

    @Test
    void resetBeforeEachStartsEveryTestAfterTheFirstOnANewBoot() {
        SEEN.clear();
        EngineExecutionResults results = InnerRuns.run(ResetBeforeEach.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(SEEN).hasSize(3);
        for (int i = 1; i < SEEN.size(); i++) {
            assertThat(SEEN.get(i).board()).isSameAs(SEEN.get(0).board());
            assertThat(SEEN.get(i).bootCount()).as("test %d", i + 1).isEqualTo(SEEN.get(i - 1).bootCount() + 1);
            assertThat(SEEN.get(i).epoch()).as("test %d", i + 1).isGreaterThan(SEEN.get(i - 1).epoch());
            assertThat(SEEN.get(i).loadedAtStart()).as("RAM state at the start of test %d", i + 1).isEmpty();
        }
        // the flash survives a reset: the same file across the boots
        assertThat(SEEN).extracting(Seen::flash).containsOnly(SEEN.get(0).flash());
    }

    @Test
    void aReadOnlyBoardCannotBeResetBeforeEach() {
        EngineExecutionResults results = InnerRuns.run(ReadOnlyWithReset.class);

        assertThat(InnerRuns.allFailures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("resetBeforeEach needs mode READ_WRITE");
    }

    private static void record(BoardClient board) {
        // every test loads the counter: a test that finds it loaded already shares the previous boot
        List<String> atStart = board.state().exts().stream().map(e -> e.name()).toList();
        if (!atStart.contains("counter")) {
            HilAssertions.assertThat(board.upload("counter", SampleExtensions.image("counter"), null).reply()).succeeded();
            HilAssertions.assertThat(board.load("counter")).succeeded();
        }
        String flash = ((DefaultShellSession) board.session()).link().url().param("flash", "");
        SEEN.add(new Seen(board, board.info().bootCount(), board.session().epoch(), Path.of(flash), atStart));
    }

    @ExtendWith(HilBoardExtension.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class TwoTestsOneBoard {
        @HilBoard
        BoardClient board;

        @Test
        void a() { record(board); }

        @Test
        void b() { record(board); }
    }

    @ExtendWith(HilBoardExtension.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ResetBeforeEach {
        @HilBoard(resetBeforeEach = true)
        BoardClient board;

        @Test
        void a() { record(board); }

        @Test
        void b() { record(board); }

        @Test
        void c(@HilBoard(resetBeforeEach = true) BoardClient same) {
            assertThat(same).isSameAs(board);
            record(board);
        }
    }

    @ExtendWith(HilBoardExtension.class)
    static class ReadOnlyWithReset {
        @HilBoard(mode = AccessMode.READ_ONLY, resetBeforeEach = true)
        BoardClient board;

        @Test
        void neverRuns() {
            throw new AssertionError("the extension should have refused the class: " + board);
        }
    }
}
