package io.llexthil.board;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.shell.BoardCrashedException;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.ReadyWaitException;
import io.llexthil.shell.ShellDisconnectedException;
import io.llexthil.shell.ShellException;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.reset.ResetConfig;
import io.llexthil.shell.reset.ResetStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The one place that decides how a board goes through its transitions, from its profile's
 * {@code reset:} and its link's capabilities. Each transition: the action (within the profile's
 * reset timeout), then the ready wait for the next boot (within the rest of the caller's timeout).
 */
public final class StandardBoardLifecycle implements BoardLifecycle {
    private final BoardProfile profile;
    private final Link link;
    private final ShellSession session;
    private volatile Phase phase = Phase.OFF;

    public StandardBoardLifecycle(BoardProfile profile, Link link, ShellSession session) {
        this.profile = profile;
        this.link = link;
        this.session = session;
    }

    @Override
    public Phase phase() { return phase; }

    @Override
    public String describeReset() { return profile.reset().describe(); }

    /** OFF to READY: the first ready wait after the link opened (banner only when the profile requires one). */
    public void attach(Duration timeout) {
        phase = Phase.BOOTING;
        try {
            session.awaitReady(timeout);
            phase = Phase.READY;
        } catch (BoardCrashedException e) {
            phase = Phase.HALTED;
            throw e;
        }
    }

    @Override
    public void reset(Duration timeout) {
        ResetConfig c = profile.reset();
        switch (c.method()) {
            case "command" -> softReset(c.command(), timeout);
            case "pulse" -> transition(c.describe(), timeout, () -> pulseSteps(c.steps(), c.timeout()));
            case "hard" -> transition(c.describe(), timeout, () -> linkHardReset(c.timeout()));
            case "external" -> transition(c.describe(), timeout,
                    () -> ExternalCommand.argv(c.argv()).run(board(), "reset (external)", c.timeout()));
            case "none" -> transition(c.describe(), timeout, () -> { });
            default -> throw new IllegalStateException(profile.source() + ": unknown reset method " + c.method());
        }
    }

    /** A reboot command damaged on a noisy line is typed again; a board that never reboots is reported after the last. */
    static final int SOFT_RESET_ATTEMPTS = 3;

    @Override
    public void softReset(String command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            // each attempt gets its share of what is left, the last one all of it
            long left = Math.max(1, deadline - System.nanoTime());
            Duration share = Duration.ofNanos(left / (SOFT_RESET_ATTEMPTS - attempt + 1));
            try {
                // the command never returns a prompt (the board reboots), so it is written, not exec'd
                transition("shell command '" + command + "'", share, () -> session.writeRaw(
                        (command + profile.lineEnding()).getBytes(StandardCharsets.UTF_8), profile.reset().timeout()));
                return;
            } catch (ResetUnavailableException e) {
                boolean answered = e.getCause() instanceof ReadyWaitException r && r.answeredWithoutRebooting();
                if (!answered || attempt == SOFT_RESET_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void hardReset(Duration timeout) {
        ResetConfig c = profile.reset();
        if (c.method().equals("pulse") || c.method().equals("external") || c.method().equals("hard")) {
            reset(timeout);
            return;
        }
        if (!link.url().capabilities().powerCycle()) {
            throw new ResetUnavailableException(board(), "hard reset", "no hard reset: " + link.url()
                    + " cannot power-cycle the board and the profile's reset is " + c.describe()
                    + "; add reset: {method: pulse|external} to its profile (docs/boards.md)", "", null);
        }
        transition("hard reset through the link", timeout, () -> linkHardReset(c.timeout()));
    }

    @Override
    public void pulse(ControlLine line, Duration pulse, Duration timeout) {
        if (!link.url().capabilities().controlLines() || !link.capabilities().controlLines()) {
            throw new ResetUnavailableException(board(), "reset (" + line + " pulse)", link.url() + " has no "
                    + line + " line (" + link.capabilities().description() + "); use reset kind shell, qmp or external",
                    "", null);
        }
        transition(line + " pulse of " + pulse.toMillis() + " ms", timeout, () -> pulseSteps(
                List.of(new ResetStep(line, true, pulse.toMillis()), new ResetStep(line, false, 0)),
                pulse.plus(profile.reset().timeout())));
    }

    @Override
    public void external(String commandLine, Duration timeout) {
        transition("external command '" + commandLine + "'", timeout,
                () -> ExternalCommand.shell(commandLine).run(board(), "reset (external)", timeout));
    }

    @Override
    public void flash(List<String> argv, Duration flashTimeout, Duration timeout) {
        phase = Phase.FLASHING;
        ExternalCommand.argv(argv).run(board(), "flash", flashTimeout);
        reset(timeout);
    }

    @Override
    public void recover(Duration timeout) {
        boolean hard = link.url().capabilities().powerCycle()
                || List.of("pulse", "external", "hard").contains(profile.reset().method());
        if (hard) {
            hardReset(timeout);
        } else {
            reset(timeout);
        }
    }

    /** Action, then the next boot; the phase follows. A reset that left the board answering is reported as such. */
    private void transition(String how, Duration timeout, Runnable action) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int before = session.epoch();
        phase = Phase.BOOTING;
        try {
            action.run();
            session.awaitBoot(before, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            phase = Phase.READY;
        } catch (BoardCrashedException e) {
            phase = Phase.HALTED;
            throw e;
        } catch (ReadyWaitException e) {
            phase = Phase.HALTED;
            if (e.haltedBefore()) {
                throw new ResetUnavailableException(board(), "reset (" + how + ")", "the board halted after a fatal"
                        + " error and " + how + " cannot bring it back (a halted board reads no shell command); give"
                        + " it a hard reset (reset: pulse or external in its profile, docs/boards.md) or make it"
                        + " reboot on fatal errors (CONFIG_RESET_ON_FATAL_ERROR; the simulated board: --on-fatal reboot)",
                        e.lastBytes(), e);
            }
            if (e.answeredWithoutRebooting()) {
                throw new ResetUnavailableException(board(), "reset (" + how + ")", "the board did not reboot: it"
                        + " kept answering (prompt seen " + e.promptsSeen() + " times) but printed no boot banner"
                        + " within " + timeout.toMillis() + " ms; set a reset that works in its profile (reset:"
                        + " command/pulse/external, docs/boards.md)", e.lastBytes(), e);
            }
            throw e;
        } catch (ShellDisconnectedException e) {
            phase = Phase.OFF;
            throw new ResetUnavailableException(board(), "reset (" + how + ")", "the link went away with the"
                    + " reboot: this console does not outlive the board's reset (a USB CDC-ACM console on the board"
                    + " itself, or llext-hil-sim started without --keep-uart); use a separate USB-UART adapter or"
                    + " ser2net (docs/boards.md)", e.lastBytes(), e);
        } catch (ShellException e) {
            phase = Phase.HALTED;
            throw e;
        }
    }

    private void linkHardReset(Duration timeout) {
        try {
            link.hardReset(timeout);
        } catch (UnsupportedControlException e) {
            throw new ResetUnavailableException(board(), "reset (hard)", e.getMessage()
                    + "; use reset method command, pulse or external", "", e);
        } catch (LinkException e) {
            throw new ShellException(board(), "reset (hard)", e.getMessage(), "", e);
        }
    }

    /** Drives DTR/RTS; "asserted" is the modem-line sense (on USB-UART chips the TTL pin goes low). */
    private void pulseSteps(List<ResetStep> steps, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ResetStep step : steps) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            try {
                link.setControlLine(step.line(), step.asserted(), left);
            } catch (UnsupportedControlException e) {
                throw new ResetUnavailableException(board(), "reset (pulse)", step.line() + " cannot be driven on "
                        + link.url() + " (" + e.getMessage() + "); use reset method command, hard or external", "", e);
            } catch (LinkException e) {
                throw new ShellException(board(), "reset (pulse)", "setting " + step.line() + " failed: "
                        + e.getMessage(), "", e);
            }
            if (step.holdMs() > 0) {
                sleep(step.holdMs());
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(board(), "reset (pulse)", "interrupted", "", e);
        }
    }

    private String board() { return session.boardName(); }
}
