package io.llexthil.shell;

/**
 * A Zephyr log line such as {@code [00:00:01.234,000] <inf> llext: loaded}.
 *
 * @param timestamp the board's timestamp text, or empty when the line had none
 * @param level     inf, wrn, err or dbg
 * @param module    the log module
 * @param message   the text after {@code module: }
 * @param raw       the stripped line as it arrived
 */
public record BoardLogLine(String timestamp, String level, String module, String message, String raw) {
}
