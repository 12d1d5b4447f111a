package io.llexthil.shell.console;

import io.llexthil.shell.BoardLogLine;

/**
 * One completed console line after ANSI stripping, with what the decoder recognised in it.
 *
 * @param kind        what the line is
 * @param text        the whole stripped line
 * @param afterPrompt for {@link Kind#PROMPT_LINE}: the text after the prompt (typed input or echo)
 * @param log         for {@link Kind#LOG}: the parsed log line
 * @param overwritten true when a lone CR ended the line: the terminal redrew it rather than
 *                    moving on, so it is not a finished line of output (e.g. a prompt redraw)
 */
public record ConsoleLine(Kind kind, String text, String afterPrompt, BoardLogLine log, boolean overwritten) {

    public enum Kind {
        /** Command output or anything unrecognised. */
        OUTPUT,
        /** A Zephyr log line ({@code <inf> module: msg}, optionally timestamped). */
        LOG,
        /** A line that starts with the prompt: the echo of a command, or an empty prompt. */
        PROMPT_LINE,
        /** A boot banner: a new boot epoch starts here. */
        BANNER,
        /** A fatal-error banner, halt or assertion: the board crashed. */
        FATAL
    }

    public static ConsoleLine output(String text) { return new ConsoleLine(Kind.OUTPUT, text, "", null, false); }
}
