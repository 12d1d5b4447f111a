package io.llexthil.shell.reset;

import java.time.Duration;

import io.llexthil.link.Link;
import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.ShellSession;

/**
 * One way of resetting a board. {@link #trigger} performs the action only; {@link #reset} also
 * waits for the next boot to be ready ({@link ShellSession#awaitReady}), which starts a new epoch
 * when the profile requires a banner. Failures of the action are {@link ResetException}s.
 */
public interface ResetControl {

    /** For messages and reports, e.g. {@code command 'kernel reboot cold'}. */
    String describe();

    /** Performs the reset action within {@code timeout}; does not wait for the boot. */
    void trigger(ShellSession session, Link link, Duration timeout);

    /** Triggers, then waits for the board to be ready again. */
    default BootEpoch reset(ShellSession session, Link link, Duration actionTimeout, Duration readyTimeout) {
        trigger(session, link, actionTimeout);
        return session.awaitReady(readyTimeout);
    }
}
