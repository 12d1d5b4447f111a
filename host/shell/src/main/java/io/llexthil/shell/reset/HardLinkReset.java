package io.llexthil.shell.reset;

import java.time.Duration;

import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.shell.ShellSession;

/** Resets through the medium itself: QMP {@code system_reset} on QEMU, a power cycle on the sim. */
public final class HardLinkReset implements ResetControl {
    @Override public String describe() { return "hard"; }

    @Override
    public void trigger(ShellSession session, Link link, Duration timeout) {
        try {
            link.hardReset(timeout);
        } catch (LinkException e) {
            throw new ResetException(session.boardName(), describe(), e.getMessage(), "", e);
        }
    }
}
