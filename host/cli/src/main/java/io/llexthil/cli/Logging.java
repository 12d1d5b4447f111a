package io.llexthil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Log levels from the command line, read before picocli parses anything so that even parsing
 * is logged as asked: quiet by default (warnings; Netty stays silent), {@code -q} errors only,
 * {@code -v} info, {@code -vv} or {@code --debug} debug, and {@code --log LOGGER=LEVEL} for one
 * logger (repeatable). The options are declared on {@link Main} for help and parsing.
 */
final class Logging {
    /** -1 quiet, 0 default, 1 -v, 2 -vv. */
    private final int verbosity;
    private final boolean debug;
    private final List<String[]> loggers;

    private Logging(int verbosity, boolean debug, List<String[]> loggers) {
        this.verbosity = verbosity;
        this.debug = debug;
        this.loggers = loggers;
    }

    /** The log options found in {@code args}; a bad {@code --log} value is a usage error. */
    static Logging from(String... args) {
        int verbosity = 0;
        boolean debug = false;
        List<String[]> loggers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-q", "--quiet" -> verbosity = -1;
                case "-v", "--verbose" -> verbosity = Math.max(verbosity, 0) + 1;
                case "-vv" -> verbosity = 2;
                case "--debug" -> debug = true;
                default -> {
                    if (a.equals("--log") && i + 1 < args.length) {
                        loggers.add(loggerLevel(args[++i]));
                    } else if (a.startsWith("--log=")) {
                        loggers.add(loggerLevel(a.substring("--log=".length())));
                    }
                }
            }
        }
        return new Logging(verbosity, debug, loggers);
    }

    private static String[] loggerLevel(String spec) {
        int eq = spec.indexOf('=');
        String level = eq < 0 ? "" : spec.substring(eq + 1).toUpperCase(Locale.ROOT);
        if (eq <= 0 || !List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
            throw new ConfigException("--log " + spec + ": expected LOGGER=LEVEL, e.g. --log io.llexthil.link=debug"
                    + " (levels: trace, debug, info, warn, error, off)");
        }
        return new String[] {spec.substring(0, eq), level};
    }

    boolean debug() {
        return debug;
    }

    boolean quiet() {
        return verbosity < 0;
    }

    void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            Level root = debug || verbosity >= 2 ? Level.DEBUG : verbosity == 1 ? Level.INFO : verbosity < 0 ? Level.ERROR : Level.WARN;
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(root);
            // Netty's own debug output is about its internals: one level quieter than ours
            ctx.getLogger("io.netty").setLevel(root == Level.DEBUG ? Level.INFO : root == Level.INFO ? Level.WARN : root);
            for (String[] l : loggers) {
                ctx.getLogger(l[0]).setLevel(Level.toLevel(l[1]));
            }
        }
    }
}
