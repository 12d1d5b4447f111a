package io.llexthil.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.testkit.BypassHandler;
import io.llexthil.testkit.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Zephyr shell does around a bypass callback, pinned in the fake shell and seen through a
 * real session. Each rule names the code in Zephyr's {@code subsys/shell/shell.c} it mirrors
 * (the same in 3.5 and in v4.x); docs/protocol.md section 5 lists them for the firmware side.
 */
class ZephyrBypassRulesTest {
    @TempDir Path runDir;

    /** Records what reaches the callback; a 'q' ends bypass mode after printing "bye". */
    private static final class Recorder implements BypassHandler {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        @Override
        public synchronized void bytes(byte[] data, Output out) {
            seen.writeBytes(data);
            for (byte b : data) {
                if (b == 'q') {
                    out.line("bye");
                    out.end();
                }
            }
        }

        synchronized String text() { return seen.toString(StandardCharsets.ISO_8859_1); }
    }

    private BoardUnderTest board(String lineEnding, Recorder recorder) {
        BoardUnderTest b = BoardUnderTest.start(BoardUnderTest.Transport.TCP,
                BoardUnderTest.fastProfile("bypass").lineEnding(lineEnding).build(), runDir).booted();
        b.fake.onCommand("data", Reply.lines("@@R|data mode").bypass(recorder));
        b.fake.onCommand(Pattern.compile("slow data"),
                command -> Reply.empty().sleep(Duration.ofMillis(300)).line("@@R|data mode").bypass(recorder));
        return b;
    }

    @Test
    void noPromptFollowsACommandThatInstallsABypassCallback() {
        // state_set(): `if (state == SHELL_STATE_ACTIVE && !sh->ctx->bypass)` guards the prompt
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\n", recorder)) {
            assertThatThrownBy(() -> b.session.exec("data", Duration.ofMillis(700)))
                    .isInstanceOf(ShellTimeoutException.class).hasMessageContaining("no prompt");
        }
    }

    @Test
    void theLastLineEndsACommandThatLeavesNoPrompt() {
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\n", recorder)) {
            CommandResult r = b.session.exec("data", line -> line.startsWith("@@R|"), BoardUnderTest.T);
            assertThat(r.output()).containsExactly("@@R|data mode");
            b.session.writeRaw("abc".getBytes(StandardCharsets.US_ASCII), BoardUnderTest.T);
            await().atMost(BoardUnderTest.T).until(() -> recorder.text().equals("abc"));
        }
    }

    @Test
    void theLfOfACrlfLineEndReachesTheCallback() {
        // state_collect() checks ctx->bypass before process_nl(): the LF after the CR that ran
        // the command is data, not the second half of a line end
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\r\n", recorder)) {
            b.session.exec("data", line -> line.startsWith("@@R|"), BoardUnderTest.T);
            b.session.writeRaw("x".getBytes(StandardCharsets.US_ASCII), BoardUnderTest.T);
            await().atMost(BoardUnderTest.T).until(() -> recorder.text().equals("\nx"));
        }
    }

    @Test
    void bytesSentWhileTheCommandRunsGoToTheCallback() {
        // the shell thread reads nothing while a handler runs; what waited in the transport is
        // read after the handler returned, by the bypass branch of state_collect()
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\n", recorder)) {
            b.session.writeRaw("slow data\nearly".getBytes(StandardCharsets.US_ASCII), BoardUnderTest.T);
            await().atMost(BoardUnderTest.T).until(() -> recorder.text().equals("early"));
        }
    }

    @Test
    void thePromptReturnsAsSoonAsTheCallbackEndsBypass() {
        // state_collect(): when ctx->bypass is NULL after the callback, state_set(ACTIVE) prints the prompt
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\n", recorder)) {
            b.session.exec("data", line -> line.startsWith("@@R|"), BoardUnderTest.T);
            b.session.writeRaw("q".getBytes(StandardCharsets.US_ASCII), BoardUnderTest.T);
            assertThat(b.session.awaitLine(line -> line.equals("bye"), BoardUnderTest.T)).isEqualTo("bye");
            await().atMost(BoardUnderTest.T).until(() -> new String(b.fake.sentBytes(), StandardCharsets.ISO_8859_1).contains("bye\r\nuart:~$ "));
        }
    }

    @Test
    void outputFromAnotherThreadInBypassModeBringsNoPrompt() {
        // shell_vfprintf(): the erase and the reprint of the prompt are skipped while ctx->bypass is set
        Recorder recorder = new Recorder();
        try (BoardUnderTest b = board("\n", recorder)) {
            b.session.exec("data", line -> line.startsWith("@@R|"), BoardUnderTest.T);
            b.fake.emit(Reply.lines("@@ACK|16"));
            assertThat(b.session.awaitLine(line -> line.startsWith("@@ACK|"), BoardUnderTest.T)).isEqualTo("@@ACK|16");
            b.session.writeRaw("q".getBytes(StandardCharsets.US_ASCII), BoardUnderTest.T);
            b.session.awaitLine(line -> line.equals("bye"), BoardUnderTest.T);
            await().atMost(BoardUnderTest.T).until(() -> new String(b.fake.sentBytes(), StandardCharsets.ISO_8859_1).contains("@@ACK|16\r\nbye\r\n"));
        }
    }
}
