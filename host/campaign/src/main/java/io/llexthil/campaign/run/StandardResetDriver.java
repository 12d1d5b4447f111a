package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.board.HilBoardClient;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.link.ControlLine;
import io.llexthil.shell.ShellTimeoutException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Resets through the shell, a host command, or the board layer's {@link BoardHooks}. */
public final class StandardResetDriver implements ResetDriver {
    private final BoardHooks hooks;

    public StandardResetDriver(BoardHooks hooks) {
        this.hooks = hooks == null ? BoardHooks.NONE : hooks;
    }

    @Override
    public void reset(BoardClient board, ResetSpec spec, Duration timeout) {
        try {
            switch (spec.kind()) {
                case SHELL -> board.reset(timeout);
                case DTR, RTS -> hooks.pulse(spec.kind() == io.llexthil.campaign.scenario.ResetKind.DTR
                        ? ControlLine.DTR : ControlLine.RTS, Duration.ofMillis(Math.max(1, spec.pulseMs())), timeout);
                case QMP -> hooks.hardReset(timeout);
                case EXTERNAL -> {
                    int before = board.session().epoch();
                    runCommand(board.boardName(), spec.command(), timeout);
                    HilBoardClient.awaitNextBoot(board.session(), before, timeout);
                }
                case FIRMWARE -> hooks.rebootInto(spec.buildId(), spec.command(), timeout);
                case POWERCUT -> throw new IllegalArgumentException("a power cut is run by the scenario runner, not the reset driver");
                default -> throw new IllegalStateException(spec.kind().toString());
            }
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedResetException(board.boardName(), spec, e.getMessage());
        }
    }

    @Override
    public void recover(BoardClient board, Duration timeout) {
        try {
            hooks.hardReset(timeout);
        } catch (UnsupportedOperationException noHardReset) {
            board.reset(timeout);
        }
    }

    static void runCommand(String board, String command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UnsupportedResetException(board, ResetSpecs.EXTERNAL, "cannot start '" + command + "': " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ShellTimeoutException(board, "reset (external '" + command + "')",
                        "the reset command did not finish within " + timeout.toMillis() + " ms", "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running '" + command + "'", e);
        }
        if (p.exitValue() != 0) {
            throw new UnsupportedResetException(board, ResetSpecs.EXTERNAL, "'" + command + "' exited with " + p.exitValue());
        }
    }

    private static final class ResetSpecs {
        static final ResetSpec EXTERNAL = ResetSpec.of(io.llexthil.campaign.scenario.ResetKind.EXTERNAL);
    }
}
