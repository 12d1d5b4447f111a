package io.llexthil.shell.console;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.llexthil.shell.BoardLogLine;

/**
 * What the decoder looks for in stripped text: the prompt (a literal or a regex, matched only at
 * a line start), boot banners and fatal banners (found anywhere in a line, because a reset often
 * leaves garbage in front of them), and Zephyr's log line format.
 */
public final class ConsolePatterns {

    /** Zephyr's default UART shell prompt. */
    public static final String ZEPHYR_PROMPT = "uart:~$ ";
    public static final String ZEPHYR_BANNER = "\\*\\*\\* Booting Zephyr OS build";
    public static final List<String> ZEPHYR_FATALS =
            List.of(">>> ZEPHYR FATAL ERROR", "Halting system", "ASSERTION FAIL \\[");

    // [00:00:01.234,000] or a raw cycle count [00012345]; then <lvl> module: message.
    // The module is "module" or "module.instance"; Zephyr prints function names as "module: fn: msg".
    private static final Pattern LOG = Pattern.compile(
            "^(?:\\[([^\\]]{1,40})\\]\\s*)?<(inf|wrn|err|dbg)>\\s+([^:\\s][^:]*?):\\s?(.*)$");

    private final Pattern prompt;
    private final Pattern banner;
    private final List<Pattern> fatals;

    public ConsolePatterns(Pattern prompt, Pattern banner, List<Pattern> fatals) {
        this.prompt = prompt;
        this.banner = banner;
        this.fatals = List.copyOf(fatals);
    }

    /** Zephyr defaults: prompt {@code uart:~$ }, the boot banner and the three fatal banners. */
    public static ConsolePatterns zephyrDefaults() {
        return new ConsolePatterns(literalPrompt(ZEPHYR_PROMPT), Pattern.compile(ZEPHYR_BANNER),
                ZEPHYR_FATALS.stream().map(Pattern::compile).toList());
    }

    public static Pattern literalPrompt(String prompt) {
        return Pattern.compile(Pattern.quote(prompt));
    }

    /** Length of the prompt at the start of {@code line}, or -1 when the line does not start with one. */
    public int promptLength(CharSequence line) {
        Matcher m = prompt.matcher(line);
        return m.lookingAt() && m.end() > 0 ? m.end() : -1;
    }

    public boolean isBanner(String line) { return banner.matcher(line).find(); }

    public boolean isFatal(String line) {
        for (Pattern p : fatals) {
            if (p.matcher(line).find()) return true;
        }
        return false;
    }

    /** Parses a Zephyr log line, or returns null when {@code line} is not one. */
    public static BoardLogLine parseLog(String line) {
        if (line.indexOf('<') < 0) return null; // fast path for floods of plain output
        Matcher m = LOG.matcher(line);
        if (!m.matches()) return null;
        return new BoardLogLine(m.group(1) == null ? "" : m.group(1), m.group(2), m.group(3).trim(), m.group(4), line);
    }
}
