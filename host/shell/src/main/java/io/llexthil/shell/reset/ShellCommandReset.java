package io.llexthil.shell.reset;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.llexthil.link.Link;
import io.llexthil.shell.ShellSession;

/**
 * Types a reboot command (default {@code kernel reboot cold}) into the shell. The command never
 * returns a prompt, so it is written raw rather than run with {@code exec}.
 */
public final class ShellCommandReset implements ResetControl {
    private final String command;
    private final String lineEnding;

    public ShellCommandReset(String command, String lineEnding) {
        this.command = command;
        this.lineEnding = lineEnding;
    }

    @Override public String describe() { return "command '" + command + "'"; }

    @Override
    public void trigger(ShellSession session, Link link, Duration timeout) {
        session.writeRaw((command + lineEnding).getBytes(StandardCharsets.UTF_8), timeout);
    }
}
