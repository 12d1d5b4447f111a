package io.llexthil.shell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.llexthil.link.LinkPacing;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.Pacing;
import io.llexthil.shell.console.ConsolePatterns;
import io.llexthil.shell.reset.ResetConfig;

/**
 * Everything a {@link DefaultShellSession} needs to know about one board. {@link #builder} starts
 * from the defaults of a Zephyr UART shell; the inventory loader fills it from YAML (docs/boards.md).
 *
 * @param name           used in every message and transcript file name
 * @param id             inventory id, the lock key (twister {@code id}); defaults to the name
 * @param platforms      Zephyr board targets (twister {@code platform})
 * @param link           link URL (docs/links.md), or null when none is known
 * @param baud           line rate for serial links
 * @param prompt         the prompt, a literal unless {@code promptRegex}
 * @param promptRegex    whether {@code prompt} is a regular expression
 * @param banner         regex that marks a boot banner (found anywhere in a line)
 * @param bannerRequired whether {@code awaitReady} waits for a banner before the prompt
 * @param fatal          regexes that mark a crash (found anywhere in a line)
 * @param lineEnding     sent after each command and as the prompt probe
 * @param txChunk        bytes per write when typing a command (see {@link #pacingFor})
 * @param txDelay        pause between chunks (Zephyr drops input when its RX ring overflows)
 * @param retval         whether to run {@code retval} after each command and report its value
 * @param openTimeout    to open the link
 * @param writeTimeout   per write to the link
 * @param commandTimeout default for commands (callers pass it to exec)
 * @param readyTimeout   default for awaitReady after a reset
 * @param quietPeriod    silence required before the board counts as ready
 * @param probeInterval  bare newline sent this often while no prompt is seen
 * @param reset          how to reset the board
 * @param flash          how to flash it, or null when its profile names no flash step
 * @param twister        the twister hardware-map entry exactly as read (empty when none)
 * @param source         where this profile came from, for messages
 * @param pacingSet      whether {@code txChunk}/{@code txDelay} were given (a profile's {@code pacing});
 *                       otherwise the link's own pacing applies where it knows one ({@link #pacingFor})
 * @param readyLine      whether the board must announce readiness with a ready line, or may
 */
public record BoardProfile(String name, String id, List<String> platforms, String link, int baud,
                           String prompt, boolean promptRegex, String banner, boolean bannerRequired,
                           List<String> fatal, String lineEnding, int txChunk, Duration txDelay,
                           boolean retval, Duration openTimeout, Duration writeTimeout,
                           Duration commandTimeout, Duration readyTimeout, Duration quietPeriod,
                           Duration probeInterval, ResetConfig reset, FlashConfig flash, Map<String, Object> twister,
                           String source, boolean pacingSet, ReadyLine readyLine) {

    /**
     * How a boot says it takes commands. {@code AUTO}: a valid {@code @@RDY} line (our firmware)
     * makes the board ready at once, any other firmware is ready after the quiet period.
     * {@code REQUIRED}: only the ready line counts (boards known to run our firmware; a missing
     * one is an error rather than a silent fallback to waiting).
     */
    public enum ReadyLine { AUTO, REQUIRED }

    public BoardProfile {
        platforms = List.copyOf(platforms);
        fatal = List.copyOf(fatal);
        twister = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(twister));
        if (txChunk < 1) throw new IllegalArgumentException(name + ": txChunk must be >= 1, got " + txChunk);
        if (readyLine == null) readyLine = ReadyLine.AUTO;
    }

    /** The pacing this profile gives (its own, or the generic serial defaults). */
    public Pacing pacing() { return new Pacing(txChunk, txDelay); }

    /** The pacing to type with on {@code url}: the profile's if it set one, else the link's, else the defaults. */
    public Pacing pacingFor(LinkUrl url) {
        return pacingSet ? pacing() : LinkPacing.forUrl(url).orElse(pacing());
    }

    /** The decoder's patterns for this board. */
    public ConsolePatterns consolePatterns() {
        Pattern p = promptRegex ? Pattern.compile(prompt) : ConsolePatterns.literalPrompt(prompt);
        return new ConsolePatterns(p, Pattern.compile(banner), fatal.stream().map(Pattern::compile).toList());
    }

    public static Builder builder(String name) { return new Builder(name); }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.id = id; b.platforms = platforms; b.link = link; b.baud = baud; b.prompt = prompt;
        b.promptRegex = promptRegex; b.banner = banner; b.bannerRequired = bannerRequired; b.fatal = fatal;
        b.lineEnding = lineEnding; b.txChunk = txChunk; b.txDelay = txDelay; b.retval = retval;
        b.openTimeout = openTimeout; b.writeTimeout = writeTimeout; b.commandTimeout = commandTimeout;
        b.readyTimeout = readyTimeout; b.quietPeriod = quietPeriod; b.probeInterval = probeInterval;
        b.reset = reset; b.flash = flash; b.twister = twister; b.source = source; b.pacingSet = pacingSet;
        b.readyLine = readyLine;
        return b;
    }

    /** Defaults are those of a Zephyr UART shell on a 115200 baud serial port. */
    public static final class Builder {
        private final String name;
        private String id;
        private List<String> platforms = List.of();
        private String link;
        private int baud = 115200;
        private String prompt = ConsolePatterns.ZEPHYR_PROMPT;
        private boolean promptRegex;
        private String banner = ConsolePatterns.ZEPHYR_BANNER;
        private boolean bannerRequired = true;
        private List<String> fatal = ConsolePatterns.ZEPHYR_FATALS;
        private String lineEnding = "\n";
        private int txChunk = Pacing.GENERIC_SERIAL.chunk();
        private Duration txDelay = Pacing.GENERIC_SERIAL.delay();
        private boolean pacingSet;
        private ReadyLine readyLine = ReadyLine.AUTO;
        private boolean retval;
        private Duration openTimeout = Duration.ofSeconds(5);
        private Duration writeTimeout = Duration.ofSeconds(2);
        private Duration commandTimeout = Duration.ofSeconds(10);
        private Duration readyTimeout = Duration.ofSeconds(30);
        private Duration quietPeriod = Duration.ofMillis(200);
        private Duration probeInterval = Duration.ofMillis(500);
        private ResetConfig reset = ResetConfig.shellCommand();
        private FlashConfig flash;
        private Map<String, Object> twister = Map.of();
        private String source = "built-in defaults";

        private Builder(String name) { this.name = name; }

        public Builder id(String v) { id = v; return this; }
        public Builder platforms(List<String> v) { platforms = v; return this; }
        public Builder link(String v) { link = v; return this; }
        public Builder baud(int v) { baud = v; return this; }
        public Builder prompt(String v) { prompt = v; promptRegex = false; return this; }
        public Builder promptRegex(String v) { prompt = v; promptRegex = true; return this; }
        public Builder banner(String v) { banner = v; return this; }
        public Builder bannerRequired(boolean v) { bannerRequired = v; return this; }
        public Builder fatal(List<String> v) { fatal = v; return this; }
        public Builder lineEnding(String v) { lineEnding = v; return this; }
        public Builder txChunk(int v) { txChunk = v; pacingSet = true; return this; }
        public Builder txDelay(Duration v) { txDelay = v; pacingSet = true; return this; }
        public Builder readyLine(ReadyLine v) { readyLine = v; return this; }
        public Builder retval(boolean v) { retval = v; return this; }
        public Builder openTimeout(Duration v) { openTimeout = v; return this; }
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }
        public Builder commandTimeout(Duration v) { commandTimeout = v; return this; }
        public Builder readyTimeout(Duration v) { readyTimeout = v; return this; }
        public Builder quietPeriod(Duration v) { quietPeriod = v; return this; }
        public Builder probeInterval(Duration v) { probeInterval = v; return this; }
        public Builder reset(ResetConfig v) { reset = v; return this; }
        public Builder flash(FlashConfig v) { flash = v; return this; }
        public Builder twister(Map<String, Object> v) { twister = v; return this; }
        public Builder source(String v) { source = v; return this; }

        public BoardProfile build() {
            return new BoardProfile(name, id == null ? name : id, platforms, link, baud, prompt, promptRegex,
                    banner, bannerRequired, fatal, lineEnding, txChunk, txDelay, retval, openTimeout,
                    writeTimeout, commandTimeout, readyTimeout, quietPeriod, probeInterval, reset, flash, twister,
                    source, pacingSet, readyLine);
        }
    }
}
