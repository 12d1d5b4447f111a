package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.campaign.scenario.BuiltInSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A board built without the test commands (CONFIG_LLEXT_HIL_TEST=n; the simulated board's
 * {@code --field}): cases that need {@code ctx erase} or a fault are skipped with the reason, never
 * run half-prepared; a scenario that needs none of them runs and agrees with the twin.
 */
class FieldBuildTest extends CliHarness {
    private static final String FIELD_SIM = "sim:?flash=${run}/sim.flash&field=true";

    @TempDir
    Path tmp;

    @Test
    void casesThatNeedTestCommandsAreSkippedWithTheReason() throws Exception {
        Path dir = tmp.resolve("run");
        int rc = run("run", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM);
        String output = stdout() + err.toString(StandardCharsets.UTF_8);
        int cases = BuiltInSuite.fileNames().size();
        assertThat(rc).as("a run in which nothing passed proves nothing: exit 1. " + output).isEqualTo(1);
        assertThat(stdout()).contains(cases + " cases: 0 passed, 0 failed (divergences), 0 errors, " + cases + " skipped");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        for (JsonNode c : report.path("cases")) {
            assertThat(c.path("status").asText()).as(c.path("name").asText()).isEqualTo("skipped");
        }
        // the transcript shows no test command was sent: skipped before anything but `info`
        assertThat(Files.readString(dir.resolve("sim.raw.log"))).doesNotContain("ctx erase").doesNotContain("fault");
        assertThat(Files.readString(dir.resolve("report.json")))
                .contains("not run on this board: it has no test commands (built with CONFIG_LLEXT_HIL_TEST=n), "
                        + "and a fresh case starts from an erased context store (ctx erase)");
    }

    @Test
    void aScenarioWithoutTestCommandsRunsAndAgrees() throws Exception {
        Path scenario = tmp.resolve("no-erase.yaml");
        Files.writeString(scenario, """
                name: no-erase
                description: save, reset and restore on a field build, from a blank flash
                fresh: false
                steps:
                  - upload: producer
                  - load: producer
                  - save: all
                  - reset: shell
                  - restore: {}
                  - state: [producer]
                  - call: {ext: producer, symbol: producer_value}
                """);
        Path dir = tmp.resolve("run2");
        int rc = run("run", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM, scenario.toString());
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout()).contains("1 case: 1 passed, 0 failed (divergences), 0 errors");
    }

    @Test
    void aFaultStepIsSkippedEvenInAScenarioThatIsNotFresh() throws Exception {
        Path scenario = tmp.resolve("fault.yaml");
        Files.writeString(scenario, """
                name: fault-on-field
                description: a fault cannot be armed on a field build
                fresh: false
                steps:
                  - upload: producer
                  - load: producer
                    fault: {alloc: 1}
                """);
        Path dir = tmp.resolve("run3");
        int rc = run("run", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM, scenario.toString());
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(stdout()).contains("1 case: 0 passed, 0 failed (divergences), 0 errors, 1 skipped");
        assertThat(Files.readString(dir.resolve("report.json")))
                .contains("it has no test commands (built with CONFIG_LLEXT_HIL_TEST=n), and step 1 (load producer [fault alloc 1])");
    }

    @Test
    void aRestoreInAnotherOrderIsSkippedOnAFieldBuild() throws Exception {
        Path scenario = tmp.resolve("order.yaml");
        Files.writeString(scenario, """
                name: order-on-field
                description: restoring in another order is a test argument
                fresh: false
                steps:
                  - upload: producer
                  - load: producer
                  - save: all
                  - reset: shell
                  - restore: {order: [0]}
                """);
        Path dir = tmp.resolve("run4");
        int rc = run("run", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM, scenario.toString());
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(stdout()).contains("1 case: 0 passed, 0 failed (divergences), 0 errors, 1 skipped");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("step 4 (restore order [0])");
        assertThat(Files.readString(dir.resolve("sim.raw.log"))).doesNotContain("ctx restore");
    }

    @Test
    void aPowerCutSweepStopsAtItsFirstPointInsteadOfSkippingEveryOne() throws Exception {
        Path dir = tmp.resolve("sweep");
        int rc = run("sweep", "powercut", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM);
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(stdout()).contains("1 case: 0 passed, 0 failed (divergences), 0 errors, 1 skipped")
                .contains("powercut_save_flash_ops: unknown: the board cannot run the sweep");
    }

    @Test
    void aHeapSweepReportsEverySetAsUnknownInsteadOfAHeapSize() throws Exception {
        Path dir = tmp.resolve("heap");
        int rc = run("sweep", "heap", "--out", dir.toString(), "--board", "sim", "--link", FIELD_SIM);
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(stdout()).contains("0 passed, 0 failed (divergences), 0 errors")
                .contains("heap_needed[producer]: unknown: the board cannot run the sweep")
                .doesNotContain("board dropped");
    }
}
