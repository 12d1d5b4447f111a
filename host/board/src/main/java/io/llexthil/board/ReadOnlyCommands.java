package io.llexthil.board;

import java.util.List;
import java.util.Set;

/**
 * The HIL commands that cannot change a board (docs/protocol.md section 4.4). Field diagnostics
 * send nothing else; the check happens before a single byte leaves the host. The firmware's
 * command table marks the same forms read-only; SimBoardIT compares the two through {@code hil help}.
 */
public final class ReadOnlyCommands {
    private static final Set<String> SINGLE = Set.of("info", "state", "fault", "help");
    private static final Set<List<String>> PAIRS = Set.of(List.of("ctx", "info"), List.of("upload", "list"));

    private ReadOnlyCommands() { }

    /** True when the HIL command line (after {@code hil @id}) is read-only. */
    public static boolean isReadOnly(String commandLine) {
        String[] words = commandLine.strip().split("\\s+");
        if (words.length == 1) {
            return SINGLE.contains(words[0]);
        }
        return words.length == 2 && PAIRS.contains(List.of(words[0], words[1]));
    }

    /** Refuses, before anything is sent, a command that a board opened {@code mode} must not get. */
    public static void check(AccessMode mode, String board, String commandLine) {
        if (mode == AccessMode.READ_ONLY && !isReadOnly(commandLine)) {
            throw new ReadOnlyViolationException(board, "hil " + commandLine);
        }
    }
}
