package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sweep powercut} and {@code sweep alloc} on a pool of real simulated boards: the same
 * points, verdicts and order as on one board. Prints the wall time of both side by side (a
 * benchmark line, not an assertion).
 */
class SweepPoolEndToEndTest extends CliHarness {
    @TempDir
    Path tmp;

    Path sweep(String name, String... args) {
        Path dir = tmp.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--out");
        all.add(dir.toString());
        int rc = run(all.toArray(String[]::new));
        assertThat(rc).as(stdout() + stderr()).isZero();
        return dir;
    }

    /** What a pool must not change: each case's name, status and sweep measurement, in order. */
    static List<String> points(JsonNode report, String... keys) {
        List<String> out = new ArrayList<>();
        report.path("cases").forEach(c -> {
            StringBuilder b = new StringBuilder(c.path("name").asText()).append(' ').append(c.path("status").asText());
            for (String k : keys) {
                b.append(' ').append(k).append('=').append(c.path("measurements").path(k).asText());
            }
            out.add(b.toString());
        });
        return out;
    }

    static void benchmark(String what, JsonNode one, JsonNode pool, String poolSpec) {
        long a = one.path("millis").asLong();
        long b = pool.path("millis").asLong();
        System.out.printf("sweep pool benchmark: %s (%d cases) on %d cores: one board %d ms, %s %d ms, ratio %.2f%n",
                what, one.path("cases").size(), Runtime.getRuntime().availableProcessors(), a, poolSpec, b, (double) b / Math.max(1, a));
    }

    @Test
    void powerCutOnTwoBoardsGivesThePointsAndVerdictsOfOneBoard() throws Exception {
        JsonNode one = PoolEndToEndTest.report(sweep("one", "sweep", "powercut"));
        JsonNode two = PoolEndToEndTest.report(sweep("two", "sweep", "powercut", "--pool", "sim:2"));

        assertThat(points(two, "n", "outcome")).containsExactlyElementsOf(points(one, "n", "outcome"));
        assertThat(points(one, "n", "outcome")).hasSizeGreaterThan(2).last().asString().endsWith("outcome=new");
        for (String k : List.of("powercut_points", "powercut_previous_kept", "powercut_new_committed", "powercut_save_flash_ops")) {
            assertThat(two.path("measurements").path(k)).as(k).isEqualTo(one.path("measurements").path(k));
        }
        two.path("cases").forEach(c -> assertThat(c.path("measurements").path("board").asText()).isIn("sim-1", "sim-2"));
        assertThat(two.path("board").asText()).isEqualTo("sim-1,sim-2");
        benchmark("sweep powercut", one, two, "sim:2");
    }

    @Test
    void allocOnTwoBoardsGivesThePointsAndVerdictsOfOneBoardAndNoBoardWritesFlash() throws Exception {
        JsonNode one = PoolEndToEndTest.report(sweep("one", "sweep", "alloc"));
        JsonNode two = PoolEndToEndTest.report(sweep("two", "sweep", "alloc", "--pool", "sim:2"));

        assertThat(points(two, "k")).containsExactlyElementsOf(points(one, "k"));
        List<String> names = points(one).stream().map(p -> p.substring(0, p.lastIndexOf(' '))).toList();
        assertThat(names).startsWith("alloc-setup", "alloc k=1").endsWith("alloc restores write no flash");
        for (String k : List.of("alloc_points", "alloc_last_k", "flash_erases_during_sweep")) {
            assertThat(two.path("measurements").path(k)).as(k).isEqualTo(one.path("measurements").path(k));
        }
        assertThat(two.path("measurements").path("flash_erases_during_sweep").asLong()).isZero();
        benchmark("sweep alloc", one, two, "sim:2");
    }

    @Test
    void heapOnTwoBoardsGivesTheCasesVerdictsAndNeedsOfOneBoard() throws Exception {
        // two sets, coarse steps: two sequences, each ending at its own first size without a failure
        String[] args = {"sweep", "heap", "--set", "producer;counter", "--step", "64"};
        JsonNode one = PoolEndToEndTest.report(sweep("one", args));
        List<String> pooled = new ArrayList<>(List.of(args));
        pooled.addAll(List.of("--pool", "sim:2"));
        JsonNode two = PoolEndToEndTest.report(sweep("two", pooled.toArray(String[]::new)));

        assertThat(points(two, "heap", "set", "alloc_calls")).containsExactlyElementsOf(points(one, "heap", "set", "alloc_calls"));
        assertThat(points(one)).hasSizeGreaterThan(4);
        for (String k : List.of("heap_needed[producer]", "heap_needed[counter]", "heap_points")) {
            assertThat(two.path("measurements").path(k)).as(k).isEqualTo(one.path("measurements").path(k));
        }
        // both cases of a point ran on the same board
        JsonNode cases = two.path("cases");
        for (int i = 0; i < cases.size(); i += 2) {
            assertThat(cases.get(i + 1).path("measurements").path("board").asText())
                    .isEqualTo(cases.get(i).path("measurements").path("board").asText()).isIn("sim-1", "sim-2");
        }
        benchmark("sweep heap", one, two, "sim:2");
    }

    @Test
    void aBoardThatNeverBecomesReadyIsDroppedAndTheSweepEndsOnTheOther() throws Exception {
        JsonNode one = PoolEndToEndTest.report(sweep("one", "sweep", "powercut"));
        DeafBoard.install(out, err);
        Path dir = sweep("pool", "sweep", "powercut", "--board", "deaf", "--board", "sim");
        JsonNode r = PoolEndToEndTest.report(dir);

        assertThat(points(r, "n", "outcome")).containsExactlyElementsOf(points(one, "n", "outcome"));
        r.path("cases").forEach(c -> assertThat(c.path("measurements").path("board").asText()).isEqualTo("sim"));
        JsonNode dropped = r.path("measurements").path("dropped_boards");
        assertThat(dropped).hasSize(1);
        assertThat(dropped.get(0).asText()).startsWith("deaf: not ready: ");
        assertThat(stdout()).contains("board dropped: deaf: not ready: ");
    }

    @Test
    void aShardOrNoPointsAreRefusedWithOneLine() {
        assertThat(run("sweep", "alloc", "--shard", "1/2", "--runs-dir", tmp.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr()).contains("--shard 1/2: a sweep ends at a point it finds while it runs");
        assertThat(run("sweep", "heap", "--set", "producer;producer", "--runs-dir", tmp.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr()).contains("a set is named twice");
        assertThat(run("sweep", "alloc", "--max-k", "0", "--runs-dir", tmp.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr()).contains("--max-k 0: need at least 1");
        assertThat(tmp.toFile().list()).isEmpty();
    }
}
