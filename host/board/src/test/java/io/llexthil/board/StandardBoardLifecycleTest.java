package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.Links;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.ReadyWaitException;
import io.llexthil.shell.ShellException;
import io.llexthil.shell.ShellTimeoutException;
import io.llexthil.shell.reset.ResetConfig;
import io.llexthil.testkit.FakeZephyrShell;
import io.llexthil.testkit.SocatPtyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StandardBoardLifecycleTest {
    private static final Duration T = Duration.ofSeconds(5);
    private FakeZephyrShell fake;
    private DefaultShellSession session;
    private SocatPtyPair pty;

    @AfterEach
    void tearDown() {
        if (session != null) session.close();
        if (fake != null) fake.close();
        if (pty != null) pty.close();
    }

    private static BoardProfile.Builder fast(String name) {
        return BoardProfile.builder(name).bannerRequired(false).txChunk(64).txDelay(Duration.ZERO)
                .quietPeriod(Duration.ofMillis(50)).probeInterval(Duration.ofMillis(100));
    }

    /** A running Zephyr-shaped board on TCP, attached as a bare link is (no banner awaited). */
    private StandardBoardLifecycle runningBoard(BoardProfile profile) {
        fake = FakeZephyrShell.tcp();
        Link link = Links.create("tcp://127.0.0.1:" + fake.port());
        session = DefaultShellSession.open(link, profile, null);
        fake.awaitClient(T);
        StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
        lifecycle.attach(T);
        return lifecycle;
    }

    @Test
    void aBareLinkResetsThroughTheShellAndWaitsForTheNextBoot() {
        StandardBoardLifecycle lifecycle = runningBoard(fast("bench").build());
        fake.rebootsOn("kernel reboot cold");
        int before = session.epoch();

        lifecycle.reset(T);

        assertThat(session.epoch()).isEqualTo(before + 1);
        assertThat(fake.commands()).contains("kernel reboot cold");
        assertThat(lifecycle.phase()).isEqualTo(BoardLifecycle.Phase.READY);
        assertThat(lifecycle.describeReset()).isEqualTo("shell command 'kernel reboot cold'");
    }

    @Test
    void aResetThatDoesNotRebootTheBoardSaysSoInOneLine() {
        // the shell answers every line but ignores the reboot command
        StandardBoardLifecycle lifecycle = runningBoard(fast("stubborn").build());

        assertThatThrownBy(() -> lifecycle.reset(Duration.ofMillis(800)))
                .isInstanceOf(ResetUnavailableException.class)
                .hasMessageContaining("stubborn: reset (shell command 'kernel reboot cold'): the board did not reboot")
                .hasMessageContaining("kept answering (prompt seen")
                .hasMessageContaining("docs/boards.md")
                .hasCauseInstanceOf(ReadyWaitException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage())
                        .contains("ms for a boot banner of a new boot").contains("prompt seen")
                        .contains("longest quiet gap")
                        .contains("no reset reached it"));
        assertThat(lifecycle.phase()).isEqualTo(BoardLifecycle.Phase.HALTED);
    }

    @Test
    void aRebootCommandLostOnTheLineIsTypedAgain() {
        StandardBoardLifecycle lifecycle = runningBoard(fast("noisy").build());
        java.util.concurrent.atomic.AtomicInteger typed = new java.util.concurrent.atomic.AtomicInteger();
        // the first command arrives damaged (the shell just prints its prompt); the second reboots the board
        fake.onCommand(java.util.regex.Pattern.compile("kernel reboot cold"), command -> typed.incrementAndGet() == 1
                ? io.llexthil.testkit.Reply.empty() : io.llexthil.testkit.Reply.empty().banner());
        int before = session.epoch();

        lifecycle.reset(Duration.ofSeconds(6));

        assertThat(typed.get()).isEqualTo(2);
        assertThat(session.epoch()).isEqualTo(before + 1);
    }

    @Test
    void aPulseReachesTheLinkWithItsLineAndLength() {
        RecordingResetLink link = new RecordingResetLink();
        BoardProfile profile = fast("pin").build();
        session = DefaultShellSession.open(link, profile, null);
        StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
        lifecycle.attach(T);
        int before = session.epoch();

        lifecycle.pulse(ControlLine.DTR, Duration.ofMillis(250), T);

        assertThat(link.events()).extracting(e -> e.line() + "=" + e.asserted()).containsExactly("DTR=true", "DTR=false");
        long heldNanos = link.events().get(1).nanos() - link.events().get(0).nanos();
        assertThat(heldNanos).isGreaterThanOrEqualTo(250_000_000L);
        assertThat(session.epoch()).isEqualTo(before + 1);
    }

    @Test
    void theProfilesPulsePresetIsTheBoardsOwnReset() {
        RecordingResetLink link = new RecordingResetLink();
        BoardProfile profile = fast("esp").reset(new ResetConfig("pulse", "", ResetConfig.PULSE_PRESETS.get("esp32"),
                List.of(), T)).build();
        session = DefaultShellSession.open(link, profile, null);
        StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
        lifecycle.attach(T);

        lifecycle.reset(T);

        assertThat(link.events()).extracting(e -> e.line() + "=" + e.asserted())
                .containsExactly("DTR=false", "RTS=true", "RTS=false");
    }

    @Test
    void aPulseOnAPtyIsRefusedBeforeAnythingIsSent() {
        pty = SocatPtyPair.start(T);
        fake = FakeZephyrShell.pty(Path.of(pty.second()), pty::kill);
        Link link = Links.create("serial://" + pty.first());
        BoardProfile profile = fast("pty-board").build();
        session = DefaultShellSession.open(link, profile, null);
        fake.boot();
        StandardBoardLifecycle lifecycle = new StandardBoardLifecycle(profile, link, session);
        lifecycle.attach(T);

        assertThatThrownBy(() -> lifecycle.pulse(ControlLine.RTS, Duration.ofMillis(100), T))
                .isInstanceOf(ResetUnavailableException.class)
                .hasMessageContaining("pty-board: reset (RTS pulse): serial:///dev/pts/")
                .hasMessageContaining("has no RTS line");
    }

    @Test
    void aHardResetOnAPlainTcpLinkIsRefusedWithWhatToConfigure() {
        StandardBoardLifecycle lifecycle = runningBoard(fast("tcp-board").build());

        assertThatThrownBy(() -> lifecycle.hardReset(T))
                .isInstanceOf(ResetUnavailableException.class)
                .hasMessageContaining("cannot power-cycle the board")
                .hasMessageContaining("reset: {method: pulse|external}");
    }

    @Test
    void anExternalResetThatHangsIsKilledAtItsTimeoutAndOneThatFailsShowsItsOutput() {
        StandardBoardLifecycle lifecycle = runningBoard(fast("relay-board").build());

        assertThatThrownBy(() -> lifecycle.external("sleep 30", Duration.ofMillis(300)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageContaining("relay-board: reset (external): 'sleep 30' did not finish within 300 ms (killed)");
        assertThatThrownBy(() -> lifecycle.external("echo relay 3 stuck >&2; exit 3", T))
                .isInstanceOf(ShellException.class)
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("relay 3 stuck");
    }

    @Test
    void anExternalCommandSeesTheBoardNameAndNoShellOfOurs() {
        String out = ExternalCommand.argv(List.of("sh", "-c", "test \"$LLEXT_HIL_BOARD\" = dut && echo \"$1\"",
                "sh", "; exit 9")).run("dut", "test", T);

        assertThat(out).isEqualTo("; exit 9");
        assertThatThrownBy(() -> ExternalCommand.argv(List.of("/no/such/relay-tool")).run("dut", "reset", T))
                .isInstanceOf(ShellException.class).hasMessageContaining("cannot start /no/such/relay-tool");
    }

    @Test
    void anExternalResetIsFollowedByTheReadyWait() {
        StandardBoardLifecycle lifecycle = runningBoard(fast("relay").build());
        int before = session.epoch();
        Thread booter = new Thread(() -> {
            sleep(200);
            fake.boot();
        });
        booter.start();

        lifecycle.external("true", T);

        assertThat(session.epoch()).isEqualTo(before + 1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
