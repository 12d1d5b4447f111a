package io.llexthil.shell;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The outcome of one {@link ShellSession#exec}.
 *
 * @param command the command line sent
 * @param output  command output lines, echo, prompt and log lines removed, ANSI stripped
 * @param logs    Zephyr log lines that arrived while the command ran
 * @param elapsed from the first byte sent to the prompt
 * @param retval  the shell's return value where the shell reports it
 * @param epoch   the boot epoch the command ran in
 */
public record CommandResult(String command, List<String> output, List<BoardLogLine> logs,
                            Duration elapsed, OptionalInt retval, int epoch) {
}
