package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.ReadyAnnouncement;
import io.llexthil.shell.ShellException;
import io.llexthil.testkit.FakeZephyrShell;
import io.llexthil.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of the link defects of issue 16 that a scripted shell reproduces exactly
 * (numbered as in the issue; 1-3 are in {@link UploaderRecoveryTest}, 6 also in the firmware's
 * test_request): a damaged or missing answer costs a retry, never a case, and never an
 * exception other than the typed link error.
 */
class LinkNoiseRegressionTest {
    private static final Duration T = Duration.ofSeconds(2);
    private static final Pattern REQUEST = Pattern.compile("hil @(\\d+):([0-9a-f]{8}) (.*)");
    private static final String INFO_JSON = "{\"fw\":\"0.1.0\",\"build\":\"3f2a9c1e5b7d0a42\",\"zephyr\":\"4.2.0\","
            + "\"board\":\"fake\",\"arch\":\"arm\",\"sizes\":{\"llext\":208,\"sect_map\":8,\"symbol\":8,\"ptr\":4},"
            + "\"boot\":1,\"test\":true}";
    private static final String READY_JSON = "{\"build\":\"3f2a9c1e5b7d0a42\",\"fw\":\"0.1.0\",\"board\":\"fake\"}";

    @TempDir
    Path dir;

    /** Defect 4: the id-tagged, checked result line ends the command; the prompt after it may be damaged. */
    @Test
    void aValidResultLineCountsEvenWhenThePromptAfterItIsDamaged() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(ResultLine.format(ResultLine.HIL, id, 0,
                    "{\"alloc\":0,\"flash\":0,\"alloc_calls\":3}")).raw("ua\u0012t:~$ ").noPrompt()));
            assertThat(board.client.fault().allocCalls()).isEqualTo(3);
            assertThat(board.fake.commands()).hasSize(1); // waiting for the prompt would have timed out and retried
        }
    }

    /** Defect 5: a damaged reply to a read-only command is retried, with a message about the link, not the firmware. */
    @Test
    void aDamagedReadOnlyReplyIsRetried() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(n == 1
                    ? damaged(ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON))
                    : ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON))));
            int mark = RetryLog.of(board.client.session()).mark();
            assertThat(board.client.info().board()).isEqualTo("fake");
            assertThat(board.fake.commands()).hasSize(2);
            assertThat(RetryLog.of(board.client.session()).since(mark)).singleElement().asString()
                    .contains("hil info").contains("damaged result line");
        }
    }

    /** Defect 5, the budget: a link that damages every answer ends in a typed link error naming the link. */
    @Test
    void aLinkThatDamagesEveryAnswerEndsInATypedLinkError() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(
                    damaged(ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON)))));
            assertThatThrownBy(board.client::info).isInstanceOf(HilLinkException.class)
                    .hasMessageContaining("no intact answer after " + CommandDelivery.READ_ONLY_ATTEMPTS + " attempts")
                    .hasMessageNotContaining("CONFIG_LLEXT_HIL");
            assertThat(board.fake.commands()).hasSize(CommandDelivery.READ_ONLY_ATTEMPTS);
        }
    }

    /** Defect 6: a request the board refused as damaged (-EILSEQ) never ran, so it is sent again. */
    @Test
    void aRequestRefusedAsDamagedIsSentAgain() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(n == 1
                    ? ResultLine.format(ResultLine.HIL, id, RequestLine.REFUSED, "{\"error\":\"request checksum does not match\"}")
                    : ResultLine.format(ResultLine.HIL, id, 0, "{\"flash\":12}"))));
            assertThat(board.client.faultFlash(12).payload().path("flash").asInt()).isEqualTo(12);
            assertThat(board.fake.commands()).hasSize(2).allMatch(c -> c.endsWith(" fault flash 12"));
        }
    }

    /** Defect 6, host side: every request carries its id and the CRC of what it says. */
    @Test
    void everyRequestCarriesItsChecksum() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(
                    ResultLine.format(ResultLine.HIL, id, 0, "{\"flash\":12}"))));
            board.client.faultFlash(12);
            Matcher m = REQUEST.matcher(board.fake.commands().get(0));
            assertThat(m.matches()).isTrue();
            assertThat(m.group(2)).isEqualTo(ResultLine.crc32Hex(m.group(1) + " fault flash 12"));
        }
    }

    /** A lost answer to a command that changes the board: asked, not repeated; the kept result line is used. */
    @Test
    void aLostAnswerToALoadIsResolvedByAskingTheBoard() {
        AtomicInteger loads = new AtomicInteger();
        int[] loadId = new int[1];
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> {
                if (cmd.equals("load counter")) {
                    loads.incrementAndGet();
                    loadId[0] = id;
                    return Reply.lines(damaged(ResultLine.format(ResultLine.HIL, id, 0, "{\"name\":\"counter\",\"use_count\":1}")));
                }
                String kept = ResultLine.format(ResultLine.HIL, loadId[0], 0, "{\"name\":\"counter\",\"use_count\":1}");
                return Reply.lines(kept, ResultLine.format(ResultLine.HIL, id, 0,
                        "{\"id\":" + loadId[0] + ",\"ran\":true,\"rc\":0,\"replayed\":true}"));
            }));
            HilReply load = board.client.load("counter");
            assertThat(load.rc()).isZero();
            assertThat(load.payload().path("use_count").asInt()).isEqualTo(1);
            assertThat(loads).hasValue(1); // never loaded twice
            assertThat(board.fake.commands().get(1)).endsWith(" last " + loadId[0]);
        }
    }

    /** The kept copy arrives damaged: asked for again (read-only), never the rc alone. */
    @Test
    void aDamagedCopyOfTheKeptResultIsAskedForAgain() {
        int[] saveId = new int[1];
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> {
                String save = ResultLine.format(ResultLine.HIL, saveId[0], 0, "{\"slot\":\"A\",\"exts\":[\"counter\"]}");
                if (cmd.equals("ctx save")) {
                    saveId[0] = id;
                    return Reply.lines(damaged(ResultLine.format(ResultLine.HIL, id, 0, "{\"slot\":\"A\",\"exts\":[\"counter\"]}")));
                }
                String last = ResultLine.format(ResultLine.HIL, id, 0, "{\"id\":" + saveId[0] + ",\"ran\":true,\"rc\":0,\"replayed\":true}");
                return Reply.lines(n == 2 ? damaged(save) : save, last);
            }));
            HilReply save = board.client.ctxSave(java.util.List.of());
            assertThat(save.payload().path("exts").toString()).isEqualTo("[\"counter\"]");
            assertThat(board.fake.commands()).hasSize(3).filteredOn(c -> c.endsWith("ctx save")).hasSize(1);
        }
    }

    /** A request that ran but whose result line the board could not keep: a typed link error, not its rc alone. */
    @Test
    void aRequestThatRanWithoutAKeptResultEndsInALinkError() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> n == 1
                    ? Reply.lines(damaged(ResultLine.format(ResultLine.HIL, id, 0, "{\"slot\":\"A\"}")))
                    : Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, "{\"id\":1,\"ran\":true,\"rc\":0,\"replayed\":false}"))));
            assertThatThrownBy(() -> board.client.ctxSave(java.util.List.of())).isInstanceOf(HilLinkException.class)
                    .hasMessageContaining("ran with rc 0 but its result line was lost");
            assertThat(board.fake.commands()).hasSize(2);
        }
    }

    /** A lost answer to a request that did not run (the board does not know its id): sent again. */
    @Test
    void aRequestTheBoardNeverSawIsSentAgain() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> switch (n) {
                case 1 -> Reply.empty(); // lost on the way: the shell only printed its prompt
                case 2 -> Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, "{\"id\":1,\"ran\":false,\"replayed\":false}"));
                default -> Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, "{\"name\":\"counter\",\"use_count\":0}"));
            }));
            assertThat(board.client.unload("counter").payload().path("use_count").asInt()).isZero();
            assertThat(board.fake.commands()).hasSize(3);
            assertThat(board.fake.commands().get(2)).endsWith(" unload counter");
        }
    }

    /**
     * A request that may change the board, answered by a reboot whose banner arrived damaged: the
     * new boot's ready line ends it as a reboot. Asking the new boot {@code last} would hear "did
     * not run" (its memory starts empty) and send the request again to a board that already ran it.
     */
    @Test
    void aRebootWhoseBannerWasLostIsNotAskedWhetherTheRequestRan() {
        try (Fake board = new Fake(dir)) {
            announceBoot(board, 1);
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> n == 1
                    ? Reply.lines("*** Boo\u00f4ing Zephyr OS build v4.2.0-fake ***", ReadyAnnouncement.format(2, READY_JSON))
                    : Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, cmd.startsWith("last")
                            ? "{\"id\":1,\"ran\":false,\"replayed\":false}" : "{\"name\":\"counter\",\"use_count\":0}"))));
            assertThatThrownBy(() -> board.client.unload("counter")).isInstanceOf(ShellException.class)
                    .hasMessageContaining("board rebooted during command").hasMessageContaining("banner not seen");
            assertThat(board.fake.commands()).hasSize(1);
        }
    }

    /**
     * A reboot whose banner and ready line were both lost: the new boot answers {@code last} with
     * its own boot count, so "did not run" is not taken as an answer about the boot that got the
     * request, which is not sent again.
     */
    @Test
    void aLastAnswerFromAnotherBootEndsTheRequestAsAReboot() {
        try (Fake board = new Fake(dir)) {
            announceBoot(board, 1);
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> n == 1
                    ? Reply.empty() // the power went; the new boot printed nothing that arrived
                    : Reply.lines(ResultLine.format(ResultLine.HIL, id, 0,
                            "{\"id\":1,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":2}"))));
            assertThatThrownBy(() -> board.client.unload("counter")).isInstanceOf(ShellException.class)
                    .hasMessageContaining("board rebooted during command")
                    .hasMessageContaining("went to boot 1, the board now answers from boot 2");
            assertThat(board.fake.commands()).hasSize(2);
            assertThat(board.fake.commands().get(1)).contains(" last ");
        }
    }

    /** The same answer from the boot the request went to: it did not run, so it is sent again. */
    @Test
    void aLastAnswerFromTheSameBootSendsTheRequestAgain() {
        try (Fake board = new Fake(dir)) {
            announceBoot(board, 1);
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> switch (n) {
                case 1 -> Reply.empty();
                case 2 -> Reply.lines(ResultLine.format(ResultLine.HIL, id, 0,
                        "{\"id\":1,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":1}"));
                default -> Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, "{\"name\":\"counter\",\"use_count\":0}"));
            }));
            assertThat(board.client.unload("counter").payload().path("use_count").asInt()).isZero();
            assertThat(board.fake.commands()).hasSize(3);
        }
    }

    /** The fake prints our firmware's ready line for {@code boot}; returns once the session has read it. */
    private static void announceBoot(Fake board, long boot) {
        board.fake.emit(Reply.lines(ReadyAnnouncement.format(boot, READY_JSON)));
        long deadline = System.nanoTime() + T.toNanos();
        while (board.session.readyAnnouncement() == null && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(board.session.readyAnnouncement()).as("the ready line of boot " + boot).isNotNull();
    }

    /** Defect 7: a late prompt (answering an attach probe) that ends the first command early costs a retry only. */
    @Test
    void aLatePromptBeforeTheResultCostsARetryOnly() {
        try (Fake board = new Fake(dir)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> n == 1
                    ? Reply.empty() // the prompt comes, the result line does not
                    : Reply.lines(ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON))));
            assertThat(board.client.info().board()).isEqualTo("fake");
            assertThat(board.fake.commands()).hasSize(2);
        }
    }

    /** A read-only client retries with read-only requests only (diag under noise). */
    @Test
    void retriesOfAReadOnlyClientAreReadOnly() {
        try (Fake board = new Fake(dir, AccessMode.READ_ONLY)) {
            board.fake.onCommand(REQUEST, answer((id, cmd, n) -> Reply.lines(n <= 2
                    ? damaged(ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON))
                    : ResultLine.format(ResultLine.HIL, id, 0, INFO_JSON))));
            board.client.info();
            assertThat(board.fake.commands()).hasSize(3)
                    .allMatch(c -> ReadOnlyCommands.isReadOnly(REQUEST.matcher(c).replaceFirst("$3")));
        }
    }

    /** One flipped bit in the CRC field: the line no longer checks out. */
    private static String damaged(String line) {
        char[] c = line.toCharArray();
        c[c.length - 1] ^= 0x01;
        return new String(c);
    }

    @FunctionalInterface
    private interface Answer {
        Reply reply(int id, String command, int nth);
    }

    /** Replies by request id and words; nth counts the requests seen so far (1-based). */
    private static Function<String, Reply> answer(Answer a) {
        AtomicInteger n = new AtomicInteger();
        return line -> {
            Matcher m = REQUEST.matcher(line);
            m.matches();
            return a.reply(Integer.parseInt(m.group(1)), m.group(3), n.incrementAndGet());
        };
    }

    /** A scripted Zephyr shell and a board client on it. */
    private static final class Fake implements AutoCloseable {
        final FakeZephyrShell fake = FakeZephyrShell.tcp();
        final DefaultShellSession session;
        final HilBoardClient client;

        Fake(Path dir) { this(dir, AccessMode.READ_WRITE); }

        Fake(Path dir, AccessMode mode) {
            BoardProfile profile = BoardProfile.builder("fake").quietPeriod(Duration.ofMillis(50))
                    .probeInterval(Duration.ofMillis(200)).build();
            session = DefaultShellSession.open(Links.create("tcp://127.0.0.1:" + fake.port()), profile, dir);
            fake.awaitClient(T);
            fake.boot();
            session.awaitReady(T);
            client = new HilBoardClient(session, mode, null, T, 0);
        }

        @Override
        public void close() {
            session.close();
            fake.close();
        }
    }
}
