package io.llexthil.shell;

import java.util.ArrayList;
import java.util.List;

import io.llexthil.shell.console.ConsoleLine;

/**
 * Sorts what arrives after a command was sent into output lines and log lines, and decides when
 * the command is over: at the first prompt after the shell has moved to a new line. Prompts
 * that the shell reprints around log lines while the command is still being typed come before
 * that line end and are ignored. The echo (the prompt line carrying the command, or a bare line
 * equal to it) is dropped, so echo on and off give the same output. A long command's echo is
 * wrapped by Zephyr at the terminal width (a line break in the middle of the echo): the pieces
 * are joined while they keep spelling the command.
 */
final class CommandCollector {
    private final String command;
    private final List<String> output = new ArrayList<>();
    private final List<BoardLogLine> logs = new ArrayList<>();
    private boolean lineEnded;
    private boolean echoSeen;
    private String partialEcho; // the echo so far, when it was wrapped

    CommandCollector(String command) { this.command = command.strip(); }

    /** Feeds one decoded line; never BANNER or FATAL, the session handles those first. */
    void line(ConsoleLine line) {
        switch (line.kind()) {
            case LOG -> logs.add(line.log());
            case PROMPT_LINE -> {
                if (line.overwritten()) return; // a redraw of the line being typed
                String rest = line.afterPrompt();
                if (!lineEnded && !echoSeen && !rest.isBlank() && command.startsWith(rest.stripLeading())) {
                    echo(rest.stripLeading());
                } else if (!rest.isBlank()) {
                    // echo off without a newline, or a device line printed while a prompt stood:
                    // the text after the prompt is output
                    output.add(rest);
                }
                lineEnded = true;
            }
            default -> {
                if (!lineEnded && line.overwritten()) return; // redraw of typed input without a prompt
                String text = line.text();
                if (partialEcho != null) {
                    String joined = partialEcho + text;
                    partialEcho = null;
                    if (command.startsWith(joined)) {
                        echo(joined);
                        return;
                    }
                    output.add(joined.substring(0, joined.length() - text.length())); // it was output after all
                }
                if (!lineEnded && !echoSeen && text.strip().equals(command)) {
                    echoSeen = true;
                } else {
                    output.add(text);
                }
                lineEnded = true;
            }
        }
    }

    private void echo(String soFar) {
        if (soFar.strip().equals(command)) {
            echoSeen = true;
            partialEcho = null;
        } else {
            partialEcho = soFar;
        }
    }

    /** A prompt appeared; true when it ends the command. */
    boolean prompt() {
        if (!lineEnded) return false;
        if (partialEcho != null) {
            output.add(partialEcho); // an output line that merely looked like the start of the command
            partialEcho = null;
        }
        return true;
    }

    List<String> output() { return List.copyOf(output); }

    List<BoardLogLine> logs() { return List.copyOf(logs); }

    int lineCount() { return output.size() + logs.size(); }
}
