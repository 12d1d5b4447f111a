package io.llexthil.junit;

import java.nio.file.Path;
import java.util.List;

/**
 * What a board said last, attached by {@link HilBoardExtension} as a suppressed exception to a
 * failing test, so the JUnit report shows the board's side next to the assertion that failed.
 * It carries no stack trace of its own: its message is the excerpt.
 */
public final class BoardTranscriptExcerpt extends RuntimeException {
    private final String board;
    private final List<String> lines;
    private final Path transcriptFile;

    BoardTranscriptExcerpt(String board, String link, int epoch, List<String> lines, int receivedLines,
                           Path transcriptFile) {
        super(message(board, link, epoch, lines, receivedLines, transcriptFile), null, false, false);
        this.board = board;
        this.lines = List.copyOf(lines);
        this.transcriptFile = transcriptFile;
    }

    private static String message(String board, String link, int epoch, List<String> lines, int received,
                                  Path file) {
        StringBuilder b = new StringBuilder("board '").append(board).append("' (").append(link).append("), boot epoch ")
                .append(epoch).append(": last ").append(lines.size()).append(" of ").append(received)
                .append(" lines received");
        b.append(file == null ? " (transcript kept in memory only)" : "; full transcript: " + file.toAbsolutePath());
        if (lines.isEmpty()) {
            b.append("\n  (the board has sent no complete line)");
        }
        for (String line : lines) {
            b.append("\n  | ").append(line);
        }
        return b.toString();
    }

    /** The board's name, as in its profile. */
    public String board() { return board; }

    /** The stripped lines of the excerpt, oldest first. */
    public List<String> lines() { return lines; }

    /** The stripped transcript file ({@code <board>.log}), or null when none is written. */
    public Path transcriptFile() { return transcriptFile; }
}
