package io.llexthil.shell.reset;

import java.time.Duration;

import io.llexthil.link.Link;
import io.llexthil.shell.ShellSession;

/** Does nothing: someone else resets the board (a person, a test rig); {@code reset} only waits. */
public final class NoReset implements ResetControl {
    @Override public String describe() { return "none"; }

    @Override public void trigger(ShellSession session, Link link, Duration timeout) {
        // deliberately nothing: the boot that follows is awaited by reset()
    }
}
