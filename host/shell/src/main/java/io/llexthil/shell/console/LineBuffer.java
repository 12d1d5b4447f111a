package io.llexthil.shell.console;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The current, unterminated line as a terminal would show it: printable bytes overwrite at the
 * cursor, cursor moves and erases edit it. This is what makes "prompt, erase, log line,
 * reprinted prompt" decode to just the log line and the reprint.
 */
final class LineBuffer {
    private byte[] bytes = new byte[256];
    private int length;
    private int cursor;
    private int saved;

    int length() { return length; }

    boolean isEmpty() { return length == 0; }

    void put(byte b) {
        if (cursor >= bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, cursor + 1));
        while (length < cursor) bytes[length++] = ' '; // cursor was moved right past the end
        bytes[cursor++] = b;
        if (cursor > length) length = cursor;
    }

    void left(int n) { cursor = Math.max(0, cursor - n); }

    void right(int n) { cursor += n; }

    void column(int col) { cursor = Math.max(0, col); }

    void home() { cursor = 0; }

    /** ESC[K / ESC[J: erase from the cursor to the end. */
    void eraseToEnd() { if (cursor < length) length = cursor; }

    /** ESC[1K: erase from the start to the cursor (blanks, the line keeps its length). */
    void eraseToCursor() { Arrays.fill(bytes, 0, Math.min(cursor, length), (byte) ' '); }

    /** ESC[2K and friends: the whole line is gone. */
    void clear() { length = 0; cursor = 0; }

    void saveCursor() { saved = cursor; }

    void restoreCursor() { cursor = saved; }

    /** The line's first {@code max} bytes as Latin-1, enough for prompt matching (prompts are ASCII). */
    String head(int max) { return new String(bytes, 0, Math.min(length, max), StandardCharsets.ISO_8859_1); }

    /** The whole line as UTF-8 (invalid sequences replaced), then emptied. */
    String take() {
        String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
        clear();
        return s;
    }
}
