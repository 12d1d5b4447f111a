package io.llexthil.cli;

import io.llexthil.board.ReadOnlyCommands;

import java.util.List;
import java.util.Set;

/**
 * What {@code console --read-only} sends: the read-only hil commands and a few shell queries that
 * cannot change a board. Everything else, {@code kernel reboot} included, is refused before a
 * byte is sent.
 */
final class ReadOnlyConsole {
    /** Zephyr shell commands that only report. */
    static final Set<String> SHELL_QUERIES = Set.of("help", "kernel version", "kernel uptime", "kernel threads",
            "kernel stacks", "device list", "llext list");

    private ReadOnlyConsole() { }

    /** Null when the line may be sent, else the one-line refusal. */
    static String refusal(String line) {
        String l = String.join(" ", line.strip().split("\\s+"));
        if (l.isEmpty() || SHELL_QUERIES.contains(l)) {
            return null;
        }
        if (l.startsWith("hil ") && ReadOnlyCommands.isReadOnly(l.substring(4))) {
            return null;
        }
        return "console --read-only: '" + l + "' refused: only read-only commands are sent (hil info, hil state, hil fault,"
                + " hil ctx info, hil upload list, " + String.join(", ", List.copyOf(new java.util.TreeSet<>(SHELL_QUERIES)))
                + "); leave out --read-only to send it";
    }
}
