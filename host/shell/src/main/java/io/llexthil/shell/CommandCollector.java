package io.llexthil.shell;

import java.util.ArrayList;
import java.util.List;

import io.llexthil.shell.console.ConsoleLine;

/**
 * Sorts what arrives after a command was sent into output lines and log lines, and decides when
 * the command is over: at the first prompt after the shell has moved to a new line. Prompts
 * that the shell reprints around log lines while the command is still being typed come before
 * that line end and are ignored. The echo (the prompt line carrying the command, or a bare line
 * equal to the command) is dropped, so echo on and off give the same output.
 */
final class CommandCollector {
    private final String command;
    private final List<String> output = new ArrayList<>();
    private final List<LogLine> logs = new ArrayList<>();
    private boolean lineEnded;
    private boolean echoSeen;

    CommandCollector(String command) { this.command = command.strip(); }

    /** Feeds one decoded line; never BANNER or FATAL, the session handles those first. */
    void line(ConsoleLine line) {
        switch (line.kind()) {
            case LOG -> logs.add(line.log());
            case PROMPT_LINE -> {
                if (line.overwritten()) return; // a redraw of the line being typed
                String rest = line.afterPrompt();
                if (!lineEnded && !echoSeen && rest.strip().equals(command)) {
                    echoSeen = true;
                } else if (!rest.isBlank()) {
                    // echo off without a newline, or a device line printed while a prompt stood:
                    // the text after the prompt is output
                    output.add(rest);
                }
                lineEnded = true;
            }
            default -> {
                if (!lineEnded && line.overwritten()) return; // redraw of typed input without a prompt
                if (!lineEnded && !echoSeen && line.text().strip().equals(command)) {
                    echoSeen = true;
                } else {
                    output.add(line.text());
                }
                lineEnded = true;
            }
        }
    }

    /** A prompt appeared; true when it ends the command. */
    boolean prompt() { return lineEnded; }

    List<String> output() { return List.copyOf(output); }

    List<LogLine> logs() { return List.copyOf(logs); }

    int lineCount() { return output.size() + logs.size(); }
}
