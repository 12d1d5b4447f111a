package io.llexthil.campaign.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them: "12 ms", "3.4 s", "2 min 5 s", "2026-11-25 15:42:00 UTC". */
final class Durations {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Durations() { }

    static String human(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }

    /** A start time to the second, in UTC (the run directory's name uses the same clock). */
    static String wallClock(Instant t) {
        return WALL.format(t);
    }
}
