package io.llexthil.campaign.pool;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case measurements a pooled run adds, so every report (JSON, JUnit properties, HTML) shows
 * them without knowing about pools.
 */
public final class PoolMarks {
    /** The board that ran the case. */
    public static final String BOARD = "board";
    /** The board the case first ran on, which failed during it, and why (the case then ran again elsewhere). */
    public static final String MOVED_FROM = "moved_from";
    /** Set when the case failed and then passed on a retry: the earlier attempts' messages. */
    public static final String FLAKY = "flaky";
    /** How many times the case ran, when more than once. */
    public static final String ATTEMPTS = "attempts";

    private PoolMarks() { }

    /** {@code result} with {@code marks} added to its measurements. */
    static CaseResult with(CaseResult result, Map<String, Object> marks) {
        Map<String, Object> m = new LinkedHashMap<>(result.measurements());
        m.putAll(marks);
        return new CaseResult(result.name(), result.group(), result.description(), result.source(), result.status(),
                result.steps(), m, result.message(), result.started(), result.millis());
    }

    /** An erroneous case with no steps: the board under it failed, or the run was stopped. */
    static CaseResult error(PoolCase<?> c, String message, Map<String, Object> marks) {
        return new CaseResult(c.name(), c.group(), "", "", CaseStatus.ERROR, List.of(), new LinkedHashMap<>(marks),
                message, Instant.now(), 0);
    }
}
