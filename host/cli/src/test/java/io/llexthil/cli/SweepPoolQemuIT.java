package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sweep powercut} on a pool of two QEMU core boards (each its own QEMU process and PSRAM
 * file): the same points, outcomes and summary as on one QEMU board, in order. Prints both wall
 * times side by side (a benchmark line, not an assertion).
 */
class SweepPoolQemuIT extends CliHarness {
    private static final String BOARD = "qemu-mps2-an385-core";

    @TempDir
    Path tmp;

    private JsonNode sweep(String name, String... args) throws Exception {
        Path dir = tmp.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.toString()));
        assertThat(run(all.toArray(String[]::new))).as(stdout() + stderr()).isZero();
        return PoolEndToEndTest.report(dir);
    }

    @Test
    void powerCutOnTwoQemuBoardsGivesThePointsAndVerdictsOfOneBoard() throws Exception {
        JsonNode one = sweep("one", "sweep", "powercut", "--board", BOARD);
        JsonNode two = sweep("two", "sweep", "powercut", "--pool", BOARD + ":2");

        assertThat(SweepPoolEndToEndTest.points(two, "n", "outcome"))
                .containsExactlyElementsOf(SweepPoolEndToEndTest.points(one, "n", "outcome"));
        assertThat(SweepPoolEndToEndTest.points(one, "n", "outcome")).hasSizeGreaterThan(2).last().asString()
                .endsWith("outcome=new");
        for (String k : List.of("powercut_points", "powercut_previous_kept", "powercut_new_committed", "powercut_save_flash_ops")) {
            assertThat(two.path("measurements").path(k)).as(k).isEqualTo(one.path("measurements").path(k));
        }
        List<String> boards = new ArrayList<>();
        two.path("cases").forEach(c -> boards.add(c.path("measurements").path("board").asText()));
        assertThat(boards).allMatch(b -> b.startsWith(BOARD + "-"));
        assertThat(boards.stream().distinct().toList()).as("both boards ran points").hasSize(2);
        SweepPoolEndToEndTest.benchmark("sweep powercut on QEMU", one, two, BOARD + ":2");
    }
}
