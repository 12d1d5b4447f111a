package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.report.RunDirectory;
import io.llexthil.shell.BoardProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Connecting a command to its board, in the run directory the command has just created. A failed
 * connect is a configuration error (wrong board, wrong link, board off) and removes that directory
 * again, so a bad invocation leaves nothing behind.
 */
final class BoardConnect {
    private BoardConnect() { }

    /** A board attached by an interactive or diagnostic command, and the run directory it writes to. */
    record Attached(BoardProfile profile, Path dir, BoardClient client) { }

    /**
     * Resolves the selected board for attaching (no banner needed), creates the command's run
     * directory under {@code runsDir} and opens the board, or fails as {@link #openOrDiscard} does
     * with the message {@code failure} makes for the profile.
     */
    static Attached attach(BoardOptions board, Path runsDir, String command, AccessMode mode,
            Function<BoardProfile, String> failure) {
        BoardBridge bridge = Cli.bridge();
        BoardProfile profile = attaching(board.profile(bridge));
        Path dir = RunDirs.create(runsDir, null, command);
        return new Attached(profile, dir, openOrDiscard(bridge, profile, dir, mode, failure.apply(profile), ""));
    }

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
            RunDirectory.discard(runDir);
            throw new ConfigException(failure + ": " + withoutRepeats(Main.oneLine(e), profile) + advice, e);
        }
    }

    /**
     * The cause's message without the parts that repeat what {@code NAME: cannot connect to URL}
     * already said: each layer below names the link again ("link: open URL: cannot open the link:
     * URL: connect: ..."); what is left is the reason.
     */
    static String withoutRepeats(String message, BoardProfile profile) {
        List<String> kept = new ArrayList<>();
        for (String part : message.split(": ")) {
            String p = part.strip();
            boolean repeat = p.equals(profile.name()) || p.equals("link") || p.equals("cannot open the link")
                    || (profile.link() != null && p.contains(profile.link()));
            if (!repeat) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? message : String.join(": ", kept);
    }
}
