package io.llexthil.shell.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.llexthil.shell.BoardLogLine;

/**
 * Turns a console byte stream into stripped lines and prompt sightings.
 *
 * <p>Feed it bytes in arrival order, split anywhere: escape sequences, CRLF pairs and UTF-8
 * characters may straddle two reads. ANSI/VT100 sequences (CSI with colours, cursor moves,
 * erase line/screen, ESC 7/8, OSC strings, charset selections) are interpreted against a
 * one-line model of the terminal, so erased text disappears and reprinted text replaces it.
 * Lines end at CRLF, LF, or a lone CR (Zephyr redraws a line after a lone CR; such lines are
 * marked {@link ConsoleLine#overwritten()}).
 *
 * <p>A prompt is recognised only at the start of the (stripped) line: after CR/LF, an erase of
 * the whole line, or stream start. Text in the middle of a line, garbage or escape noise can
 * therefore never be taken for a prompt. Not thread-safe: one feeding thread.
 */
public final class ConsoleDecoder {
    private static final byte ESC = 0x1b;
    // a longer CSI/OSC than this is garbage, not a terminal command: give up and resynchronise
    private static final int MAX_SEQUENCE = 64;
    // a "line" longer than this without CR/LF is flushed so that memory stays bounded
    static final int MAX_LINE = 16 * 1024;
    private static final int PROMPT_SCAN = 256;
    // a log header after a prompt: the shell printed a log without erasing the typed input
    private static final Pattern LOG_AFTER_PROMPT =
            Pattern.compile("(?:\\[[^\\]]{1,40}\\]\\s*)?<(?:inf|wrn|err|dbg)>\\s");

    private enum State { TEXT, ESCAPE, ESCAPE_INTERMEDIATE, CSI, OSC, OSC_ESCAPE }

    private final ConsolePatterns patterns;
    private final ConsoleListener listener;
    private final LineBuffer line = new LineBuffer();
    private final StringBuilder csi = new StringBuilder();
    private State state = State.TEXT;
    private int oscLength;
    private boolean pendingCr;
    private int promptLengthReported = -1;

    public ConsoleDecoder(ConsolePatterns patterns, ConsoleListener listener) {
        this.patterns = patterns;
        this.listener = listener;
    }

    public void feed(byte[] bytes) { feed(bytes, 0, bytes.length); }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            feedByte(bytes[i]);
        }
        checkPrompt();
    }

    private void feedByte(byte b) {
        switch (state) {
            case TEXT -> text(b);
            case ESCAPE -> escape(b);
            case ESCAPE_INTERMEDIATE -> state = (b >= 0x20 && b <= 0x2f) ? State.ESCAPE_INTERMEDIATE : State.TEXT;
            case CSI -> csi(b);
            case OSC -> {
                if (b == 0x07 || ++oscLength > MAX_SEQUENCE) state = State.TEXT;
                else if (b == ESC) state = State.OSC_ESCAPE;
            }
            case OSC_ESCAPE -> state = State.TEXT; // ESC \ ends an OSC; anything else, give up
        }
    }

    private void text(byte b) {
        if (pendingCr) {
            pendingCr = false;
            if (b == '\n') {
                endLine(false);
                return;
            }
            if (!line.isEmpty()) endLine(true); // a lone CR: the line will be redrawn
        }
        switch (b) {
            case '\r' -> pendingCr = true;
            case '\n' -> endLine(false);
            case ESC -> state = State.ESCAPE;
            case 0x08 -> { checkPromptBeforeRewrite(); line.left(1); } // the erase follows as ESC[K or a blank
            case '\t' -> line.put((byte) ' ');
            default -> {
                // other C0 controls (NUL, BEL, XON/XOFF...) and DEL are not text
                if ((b & 0xff) >= 0x20 && b != 0x7f) {
                    line.put(b);
                    if (line.length() >= MAX_LINE) endLine(false);
                }
            }
        }
    }

    private void escape(byte b) {
        state = State.TEXT;
        switch (b) {
            case '[' -> { state = State.CSI; csi.setLength(0); }
            case ']', 'P', '_', '^' -> { state = State.OSC; oscLength = 0; } // string sequences
            case '7' -> line.saveCursor();
            case '8' -> { checkPromptBeforeRewrite(); line.restoreCursor(); }
            case 'c' -> { checkPromptBeforeRewrite(); line.clear(); forgetPromptIfErased(); } // full reset
            case ESC -> state = State.ESCAPE;
            default -> {
                if (b >= 0x20 && b <= 0x2f) state = State.ESCAPE_INTERMEDIATE; // ESC ( B and the like
                // any other single-byte escape (ESC =, ESC >, ESC M...) has no effect on a line
            }
        }
    }

    private void csi(byte b) {
        if (b >= 0x40 && b <= 0x7e) {
            state = State.TEXT;
            applyCsi((char) b, csi.toString());
        } else if (b >= 0x20 && b <= 0x3f && csi.length() < MAX_SEQUENCE) {
            csi.append((char) b);
        } else {
            state = State.TEXT; // not a CSI after all: drop it rather than print half of it
            if (b == ESC) state = State.ESCAPE;
        }
    }

    private void applyCsi(char command, String params) {
        int n = firstParam(params);
        switch (command) {
            case 'D' -> { checkPromptBeforeRewrite(); line.left(Math.max(1, n)); }
            case 'C' -> line.right(Math.max(1, n));
            case 'G' -> { checkPromptBeforeRewrite(); line.column(Math.max(1, n) - 1); }
            case 'H', 'f' -> { checkPromptBeforeRewrite(); line.home(); }
            case 'K' -> {
                checkPromptBeforeRewrite();
                if (n == 2) line.clear();
                else if (n == 1) line.eraseToCursor();
                else line.eraseToEnd();
                forgetPromptIfErased();
            }
            case 'J' -> {
                checkPromptBeforeRewrite();
                if (n >= 2) line.clear();
                else if (n == 0) line.eraseToEnd();
                forgetPromptIfErased();
            }
            default -> {
                // m (colours), A/B (vertical moves), h/l (modes), n (reports), s/u...: no effect on the text
                if (command == 's') line.saveCursor();
                else if (command == 'u') { checkPromptBeforeRewrite(); line.restoreCursor(); }
            }
        }
    }

    private static int firstParam(String params) {
        int value = 0;
        boolean any = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                value = Math.min(value * 10 + (c - '0'), 100_000);
            } else if (c == ';') {
                break;
            }
        }
        return any ? value : 0;
    }

    private void endLine(boolean overwritten) {
        checkPrompt();
        int promptLength = patterns.promptLength(line.head(PROMPT_SCAN));
        String text = line.take();
        promptLengthReported = -1;
        listener.onLine(classify(text, promptLength, overwritten));
    }

    private ConsoleLine classify(String text, int promptLength, boolean overwritten) {
        if (patterns.isBanner(text)) return new ConsoleLine(ConsoleLine.Kind.BANNER, text, "", null, overwritten);
        if (patterns.isFatal(text)) return new ConsoleLine(ConsoleLine.Kind.FATAL, text, "", null, overwritten);
        if (promptLength >= 0) {
            String rest = text.substring(Math.min(promptLength, text.length()));
            Matcher m = LOG_AFTER_PROMPT.matcher(rest);
            if (m.find()) {
                BoardLogLine log = ConsolePatterns.parseLog(rest.substring(m.start()));
                if (log != null) return new ConsoleLine(ConsoleLine.Kind.LOG, log.raw(), "", log, overwritten);
            }
            return new ConsoleLine(ConsoleLine.Kind.PROMPT_LINE, text, rest, null, overwritten);
        }
        BoardLogLine log = ConsolePatterns.parseLog(text);
        if (log != null) return new ConsoleLine(ConsoleLine.Kind.LOG, text, "", log, overwritten);
        return new ConsoleLine(ConsoleLine.Kind.OUTPUT, text, "", null, overwritten);
    }

    /** Reports a prompt standing at the start of the current line, once per appearance. */
    private void checkPrompt() {
        if (promptLengthReported >= 0 || line.isEmpty()) return;
        int length = patterns.promptLength(line.head(PROMPT_SCAN));
        if (length > 0) {
            promptLengthReported = length;
            listener.onPrompt();
        }
    }

    /*
     * A prompt printed and then erased, or overwritten after a cursor move back, within one read
     * still appeared: report it before it goes. Only an erase or a move back can destroy text, so
     * checking there (and at the end of every read) makes the result independent of how the
     * stream was split into reads.
     */
    private void checkPromptBeforeRewrite() { checkPrompt(); }

    private void forgetPromptIfErased() {
        if (promptLengthReported >= 0 && line.length() < promptLengthReported) promptLengthReported = -1;
    }
}
