package io.llexthil.campaign.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole run: which board, which twin profile, every case, and where the reports are.
 *
 * @param command     {@code run}, {@code sweep-alloc}, {@code sweep-powercut}, {@code fuzz}
 * @param board       the board id (inventory name)
 * @param boardInfo   the board's {@code info} JSON at the start (firmware, build, sizes)
 * @param profile     the twin profile
 * @param cases       in run order
 * @param measurements run-level numbers (e.g. flash erases of a sweep)
 * @param runDir      the run directory
 * @param started     start
 * @param millis      duration
 * @param link        what carried the board's console (e.g. QEMU and its version), or null if unknown
 */
public record RunResult(String command, String board, String boardInfo, String profile, List<CaseResult> cases,
                        Map<String, Object> measurements, Path runDir, Instant started, long millis, BoardLink link) {

    /** A result without link facts (the form before they existed). */
    public RunResult(String command, String board, String boardInfo, String profile, List<CaseResult> cases,
                     Map<String, Object> measurements, Path runDir, Instant started, long millis) {
        this(command, board, boardInfo, profile, cases, measurements, runDir, started, millis, null);
    }

    /**
     * The link the board was reached through, as opened for the run.
     *
     * @param scheme      {@code qemu}, {@code sim}, {@code serial}, ...
     * @param url         the link URL after {@code ${repo}}/{@code ${run}} expansion
     * @param description the link's own description ({@code LinkCapabilities.description()}); a
     *                    QEMU link names QEMU's version, e.g. {@code QEMU 7.2.22 (Debian ...) mps2-an385: ...}
     */
    public record BoardLink(String scheme, String url, String description) {
    }

    public long count(CaseStatus s) {
        return cases.stream().filter(c -> c.status() == s).count();
    }

    /** Some case passed and none failed or erred (a case this board cannot run is skipped, not failed). */
    public boolean allPassed() {
        return cases.stream().anyMatch(c -> c.status() == CaseStatus.PASS)
                && cases.stream().allMatch(c -> c.status() == CaseStatus.PASS || c.status() == CaseStatus.SKIPPED);
    }
}
