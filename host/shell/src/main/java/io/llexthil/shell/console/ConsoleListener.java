package io.llexthil.shell.console;

/** Receives what a {@link ConsoleDecoder} recognises, in stream order, on the feeding thread. */
public interface ConsoleListener {

    /** A line was completed by CR, LF or CRLF. */
    void onLine(ConsoleLine line);

    /**
     * A prompt appeared at the start of the current, still unterminated line. Reported once per
     * appearance: again only after the line was erased or ended and the prompt printed anew.
     */
    void onPrompt();
}
