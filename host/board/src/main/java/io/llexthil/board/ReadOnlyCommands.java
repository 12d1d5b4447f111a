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
        String[] words = words(commandLine);
        if (words.length == 1) {
            return SINGLE.contains(words[0]);
        }
        if (words.length == 2 && words[0].equals("last")) {
            return words[1].matches("[0-9]{1,10}"); // did request <id> run: answers from memory
        }
        return words.length == 2 && PAIRS.contains(List.of(words[0], words[1]));
    }

    /** Refuses, before anything is sent, a command that a board opened {@code mode} must not get. */
    public static void check(AccessMode mode, String board, String commandLine) {
        if (mode == AccessMode.READ_ONLY && !isReadOnly(commandLine)) {
            throw new ReadOnlyViolationException(board, "hil " + commandLine);
        }
    }

    /** The whitespace-separated words (checked before every command: no regex). */
    private static String[] words(String line) {
        java.util.List<String> out = new java.util.ArrayList<>(4);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out.toArray(new String[0]);
    }
}
