package io.llexthil.shell.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.llexthil.link.ControlLine;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.ResetTestBoards;
import io.llexthil.shell.ShellSession;
import io.llexthil.testkit.Reply;

class ResetControlTest {
    private static final Duration T = Duration.ofSeconds(5);
    @TempDir Path runDir;
    private ResetTestBoards boards;

    @AfterEach
    void tearDown() {
        if (boards != null) boards.close();
    }

    @Test
    void externalCommandThatHangsIsKilledAtItsTimeout() {
        ShellSession session = ResetTestBoards.namedSession("relay-board");
        ExternalCommandReset reset = new ExternalCommandReset(List.of("sleep", "30"));
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> reset.trigger(session, null, Duration.ofMillis(300)))
                .isInstanceOf(ResetException.class)
                .hasMessageStartingWith("relay-board: reset (external): [sleep, 30] did not finish within 300 ms (killed)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void externalCommandWithABadExitCodeFailsWithItsOutput() {
        ShellSession session = ResetTestBoards.namedSession("relay-board");
        ExternalCommandReset reset = new ExternalCommandReset(List.of("sh", "-c", "echo relay 3 stuck >&2; exit 3"));

        assertThatThrownBy(() -> reset.trigger(session, null, T))
                .isInstanceOf(ResetException.class)
                .hasMessageContaining("exited with 3; output: \"relay 3 stuck\"");
    }

    @Test
    void externalCommandArgumentsAreNotInterpretedByAShell() {
        ShellSession session = ResetTestBoards.namedSession("dut");
        // "$LLEXT_HIL_BOARD" is expanded by the sh we run on purpose, but the argument "; exit 9"
        // reaches it as a literal parameter, not as shell syntax of ours
        new ExternalCommandReset(List.of("sh", "-c", "test \"$LLEXT_HIL_BOARD\" = dut && test \"$1\" = '; exit 9'",
                "sh", "; exit 9")).trigger(session, null, T);

        assertThatThrownBy(() -> new ExternalCommandReset(List.of("/no/such/relay-tool")).trigger(session, null, T))
                .isInstanceOf(ResetException.class).hasMessageContaining("cannot start /no/such/relay-tool");
    }

    @Test
    void dtrOnAPtyIsReportedAsUnsupported() {
        boards = ResetTestBoards.pty(runDir);
        ControlLinePulseReset reset = new ControlLinePulseReset(ControlLinePulseReset.PRESETS.get("esp32"));

        assertThatThrownBy(() -> reset.trigger(boards.session(), boards.link(), T))
                .isInstanceOf(ResetException.class)
                .hasMessageContaining("reset (pulse): DTR cannot be driven on serial:///dev/pts/")
                .hasMessageContaining("use reset method 'command', 'hard' or 'external'")
                .hasCauseInstanceOf(UnsupportedControlException.class);
    }

    @Test
    void pulseStepsAreAppliedInOrderWithTheirHoldTimes() {
        ResetTestBoards.RecordingControlLink link = new ResetTestBoards.RecordingControlLink();
        ControlLinePulseReset reset = new ControlLinePulseReset(ControlLinePulseReset.PRESETS.get("rts-low-100ms"));

        reset.trigger(ResetTestBoards.namedSession("b"), link, T);

        assertThat(link.events()).extracting(e -> e.line() + "=" + e.asserted()).containsExactly("RTS=true", "RTS=false");
        assertThat(link.events().get(1).nanos() - link.events().get(0).nanos()).isGreaterThanOrEqualTo(100_000_000L);
        assertThat(reset.describe()).isEqualTo("pulse RTS=on/100ms RTS=off/0ms");
        assertThat(ControlLinePulseReset.PRESETS.get("esp32-bootloader")).extracting(ResetStep::line)
                .containsExactly(ControlLine.DTR, ControlLine.RTS, ControlLine.DTR, ControlLine.RTS, ControlLine.DTR);
    }

    @Test
    void shellCommandResetStartsANewEpoch() {
        boards = ResetTestBoards.tcp(runDir);
        boards.fake().onCommand("kernel reboot cold", Reply.empty().sleep(Duration.ofMillis(20)).banner());
        int before = boards.session().epoch();
        ResetControl reset = ResetControls.forProfile(boards.session().profile());

        BootEpoch epoch = reset.reset(boards.session(), boards.link(), T, T);

        assertThat(epoch.number()).isEqualTo(before + 1);
        assertThat(reset.describe()).isEqualTo("command 'kernel reboot cold'");
        assertThat(boards.fake().commands()).containsExactly("kernel reboot cold");
    }

    @Test
    void hardResetOnAPlainTcpLinkIsUnsupportedAndSaysSo() {
        boards = ResetTestBoards.tcp(runDir);

        assertThatThrownBy(() -> new HardLinkReset().trigger(boards.session(), boards.link(), T))
                .isInstanceOf(ResetException.class)
                .hasMessageContaining("reset (hard)")
                .hasMessageContaining("hard reset is not supported");
    }

    @Test
    void profilesChooseTheirResetControl() {
        BoardProfile.Builder b = BoardProfile.builder("x");
        assertThat(ResetControls.forProfile(b.build())).isInstanceOf(ShellCommandReset.class);
        assertThat(ResetControls.forProfile(b.reset(ResetSpec.none()).build())).isInstanceOf(NoReset.class);
        assertThat(ResetControls.forProfile(b.reset(new ResetSpec("external", "", List.of(), List.of("true"),
                T)).build()).describe()).isEqualTo("external [true]");
    }
}
