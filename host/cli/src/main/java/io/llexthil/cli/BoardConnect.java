package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.shell.BoardProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Connecting a command to its board, in the run directory the command has just created. A failed
 * connect is a configuration error (wrong board, wrong link, board off) and removes that directory
 * again, so a bad invocation leaves nothing behind.
 */
final class BoardConnect {
    private BoardConnect() { }

    /** The profile for attaching to a board that is already running: its boot banner is long gone. */
    static BoardProfile attaching(BoardProfile profile) {
        return profile.toBuilder().bannerRequired(false).build();
    }

    /** {@code NAME: cannot connect to LINK}, without the link when the profile has none. */
    static String cannotConnect(BoardProfile profile) {
        return profile.name() + ": cannot connect" + (profile.link() == null ? "" : " to " + profile.link());
    }

    /**
     * Opens the board, or deletes {@code runDir} and throws a {@link ConfigException} reading
     * {@code failure + ": " + cause + advice}.
     */
    static BoardClient openOrDiscard(BoardBridge bridge, BoardProfile profile, Path runDir, AccessMode mode,
            String failure, String advice) {
        try {
            return bridge.open(profile, runDir, mode);
        } catch (RuntimeException e) {
            deleteTree(runDir);
            throw new ConfigException(failure + ": " + Main.oneLine(e) + advice, e);
        }
    }

    /** Deletes a run directory this invocation created (only ever that one). */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
