package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.shell.ShellException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The board client against the real simulated board (the real firmware core and C LLEXT model in
 * a process), over a pty and over TCP: upload, load, call, state, save, reset (the process is
 * killed and started again on the same flash file), restore, and the same calls again.
 */
class SimBoardIT {
    private static final Duration RESET = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "pty"})
    void saveResetRestoreKeepsExtensionsAndTheirData(String transport) {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, transport, ""), dir, AccessMode.READ_WRITE)) {
            BoardInfo info = board.info();
            assertThat(info.sizes().pointer()).isEqualTo(8);
            assertThat(info.testCommands()).isTrue();
            long bootBefore = info.bootCount();

            for (String ext : List.of("producer", "consumer", "counter")) {
                UploadResult up = board.upload(ext, SimBoards.extension(ext), UploadProgress.NONE);
                assertThat(up.reply().rc()).as("upload %s: %s", ext, up.reply().line()).isZero();
                assertThat(up.reply().payload().path("complete").asBoolean()).isTrue();
                assertThat(board.load(ext).rc()).as("load %s", ext).isZero();
            }
            int first = board.call("counter", "counter_next").payload().path("value").asInt();
            int second = board.call("counter", "counter_next").payload().path("value").asInt();
            assertThat(second).isEqualTo(first + 1);
            int sum = board.call("consumer", "consumer_sum").payload().path("value").asInt();

            LlextState before = board.state();
            assertThat(before.exts()).extracting(LlextState.Ext::name).containsExactly("producer", "consumer", "counter");
            assertThat(before.exts().get(0).useCount()).isEqualTo(2);
            assertThat(before.exts().get(1).deps()).containsExactly("producer");

            HilReply save = board.ctxSave(List.of());
            assertThat(save.rc()).as(save.line()).isZero();

            board.reset(RESET);
            BoardInfo afterReset = board.info();
            assertThat(afterReset.bootCount()).isEqualTo(bootBefore + 1);
            assertThat(board.state().exts()).isEmpty();

            HilReply restore = board.ctxRestore(List.of());
            assertThat(restore.rc()).as(restore.line()).isZero();
            LlextState after = board.state();
            assertThat(after.exts()).extracting(LlextState.Ext::name).containsExactly("producer", "consumer", "counter");
            assertThat(after.exts()).extracting(LlextState.Ext::useCount)
                    .containsExactlyElementsOf(before.exts().stream().map(LlextState.Ext::useCount).toList());
            assertThat(after.exts().get(1).deps()).containsExactly("producer");
            // the counter's .data travelled through flash: the next call continues from the saved value
            assertThat(board.call("counter", "counter_next").payload().path("value").asInt()).isEqualTo(second + 1);
            assertThat(board.call("consumer", "consumer_sum").payload().path("value").asInt()).isEqualTo(sum);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp"})
    void aFaultInjectedRestoreFailsCleanlyWithEnomem(String transport) {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, transport, ""), dir, AccessMode.READ_WRITE)) {
            board.upload("noexp", SimBoards.extension("noexp"), UploadProgress.NONE);
            assertThat(board.load("noexp").rc()).isZero();
            assertThat(board.ctxSave(List.of()).rc()).isZero();
            board.reset(RESET);
            assertThat(board.faultAlloc(1).rc()).isZero();
            HilReply restore = board.ctxRestore(List.of());
            // the first allocation of llext_restore is the array of section-map pointers
            assertThat(restore.rc()).as(restore.line()).isEqualTo(-12);
            assertThat(restore.payload().path("restore").asInt()).isEqualTo(-12);
            LlextState state = board.state();
            assertThat(state.exts()).isEmpty();
            assertThat(state.heap().used()).isZero();
            // without the fault the same context restores
            assertThat(board.ctxRestore(List.of()).rc()).isZero();
            assertThat(board.state().exts()).extracting(LlextState.Ext::name).containsExactly("noexp");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp"})
    void aPowerCutAtEveryFlashOperationOfASaveLeavesTheOldOrTheNewContext(String transport) {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, transport, ""), dir, AccessMode.READ_WRITE)) {
            board.upload("producer", SimBoards.extension("producer"), UploadProgress.NONE);
            board.upload("noexp", SimBoards.extension("noexp"), UploadProgress.NONE);
            assertThat(board.load("producer").rc()).isZero();
            assertThat(board.ctxSave(List.of()).rc()).isZero(); // the old context: [producer]
            assertThat(board.load("noexp").rc()).isZero();       // the new one would be [producer, noexp]

            int cuts = 0;
            for (int n = 1; n < 64; n++) {
                assertThat(board.faultFlash(n).rc()).isZero();
                boolean completed;
                try {
                    completed = board.ctxSave(List.of()).rc() == 0;
                } catch (ShellException powerCut) {
                    completed = false; // the board rebooted in the middle of the save
                    cuts++;
                }
                if (!completed) {
                    // the sim restarted itself (exit code 4); wait for that boot, then restore
                    awaitReady(board);
                }
                board.reset(RESET);
                HilReply restore = board.ctxRestore(List.of());
                assertThat(restore.rc()).as("cut at flash op %d: %s", n, restore.line()).isZero();
                List<String> names = board.state().exts().stream().map(LlextState.Ext::name).toList();
                assertThat(names).as("cut at flash op %d", n)
                        .isIn(List.of("producer"), List.of("producer", "noexp"));
                if (completed) {
                    assertThat(names).containsExactly("producer", "noexp");
                    break;
                }
                // put the board back: old context in flash, both loaded
                board.reset(RESET);
                board.upload("producer", SimBoards.extension("producer"), UploadProgress.NONE);
                board.upload("noexp", SimBoards.extension("noexp"), UploadProgress.NONE);
                board.load("producer");
                board.load("noexp");
                if (names.size() == 2) {
                    // the cut came after the commit record: the new context is already valid
                    break;
                }
            }
            assertThat(cuts).as("power cuts performed").isGreaterThan(0);
        }
    }

    private static void awaitReady(BoardClient board) {
        board.session().awaitReady(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp"})
    void readOnlyClientsRefuseWritesBeforeSendingAnything(String transport) {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, transport, ""), dir, AccessMode.READ_ONLY)) {
            assertThat(board.info().board()).isEqualTo("sim");
            assertThatThrownBy(() -> board.ctxErase()).isInstanceOf(ReadOnlyViolationException.class);
            assertThatThrownBy(() -> board.load("x")).isInstanceOf(ReadOnlyViolationException.class);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp"})
    void theHostsReadOnlyListIsTheFirmwareCommandTables(String transport) {
        try (BoardClient board = Boards.open(SimBoards.profile(dir, transport, ""), dir, AccessMode.READ_WRITE)) {
            HilReply help = board.command("help", Duration.ofSeconds(10));
            assertThat(help.rc()).isZero();
            List<String> readOnly = new ArrayList<>();
            List<String> all = new ArrayList<>();
            java.util.Map<String, String> withArgument = new java.util.HashMap<>();
            help.payload().path("commands").forEach(c -> {
                all.add(c.path("cmd").asText());
                // a form that takes arguments is checked as typed, with one ("last <id>" -> "last 1")
                withArgument.put(c.path("cmd").asText(), c.path("cmd").asText() + (c.path("args").asText().isEmpty() ? "" : " 1"));
                if (c.path("read_only").asBoolean()) {
                    readOnly.add(c.path("cmd").asText());
                }
            });
            assertThat(all).contains("info", "ctx save", "ctx info", "fault flash", "reset", "help");
            // every form the firmware marks read-only passes the host's check, every other one is refused
            for (String cmd : all) {
                assertThat(ReadOnlyCommands.isReadOnly(withArgument.get(cmd))).as(cmd).isEqualTo(readOnly.contains(cmd));
            }
            assertThat(readOnly).containsExactlyInAnyOrder("info", "upload list", "state", "ctx info", "fault", "last", "help");
        }
    }
}
