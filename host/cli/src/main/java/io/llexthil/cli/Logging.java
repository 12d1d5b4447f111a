package io.llexthil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Quiet by default (warnings only; Netty stays silent); {@code --debug} turns on debug logs. */
final class Logging {
    private Logging() { }

    static void configure(boolean debug) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(debug ? Level.DEBUG : Level.WARN);
            ctx.getLogger("io.netty").setLevel(debug ? Level.INFO : Level.WARN);
        }
    }
}
