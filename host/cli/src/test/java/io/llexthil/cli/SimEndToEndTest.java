package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.campaign.scenario.BuiltInSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command line against the real simulated board (boards/sim.yaml), in-process. */
class SimEndToEndTest extends CliHarness {
    @TempDir
    Path tmp;

    private static JsonNode json(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void builtInSuiteAgreesWithTheUpstreamTwin() throws Exception {
        Path dir = tmp.resolve("run");
        int rc = run("run", "--out", dir.toString());
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isZero();
        int cases = BuiltInSuite.fileNames().size();
        assertThat(cases).isGreaterThanOrEqualTo(12);
        assertThat(stdout()).contains(cases + " cases: " + cases + " passed")
                .contains("HTML report:   " + dir.resolve("report.html"));
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        Element suites = junit.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(cases));
        assertThat(suites.getAttribute("failures")).isEqualTo("0");
        assertThat(dir.resolve("report.html")).content().contains("<svg").contains("dependency-saved-last");
        assertThat(dir.resolve("summary.txt")).exists();
        assertThat(dir.resolve("sim.raw.log")).exists();
        JsonNode report = json(dir);
        // upstream's documented bugs happen on the board exactly as the twin predicts them
        JsonNode saveLast = caseNamed(report, "dependency-saved-last");
        JsonNode restore = saveLast.path("steps").get(5);
        assertThat(restore.path("outcome").asText()).isEqualTo("crash_agreed");
        assertThat(restore.path("predicted").path("rc").asText()).isEqualTo("-22");
    }

    @Test
    void builtInSuiteAgreesOverAPtyToo() throws Exception {
        // the same board profile, but the simulated board's console on a pty through jSerialComm
        Path dir = tmp.resolve("pty-run");
        int rc = run("run", "--out", dir.toString(), "--board", "sim",
                "--link", "sim:?flash=${run}/sim.flash&transport=pty&profile=upstream");
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isZero();
        int cases = BuiltInSuite.fileNames().size();
        assertThat(stdout()).contains(cases + " cases: " + cases + " passed");
        assertThat(json(dir).path("board_link").path("url").asText()).contains("transport=pty");
    }

    @Test
    void contractProfileShowsWhereUpstreamBreaksItsDocumentation() throws Exception {
        Path dir = tmp.resolve("contract");
        int rc = run("run", "--profile", "contract", "--out", dir.toString());
        assertThat(rc).isEqualTo(1);
        JsonNode report = json(dir);
        List<String> failed = new ArrayList<>();
        report.path("cases").forEach(c -> {
            if (!c.path("status").asText().equals("pass")) {
                failed.add(c.path("name").asText());
            }
        });
        assertThat(failed).containsExactly("dependency-saved-last", "loaded-before-restore", "restore-twice");
        JsonNode d = caseNamed(report, "dependency-saved-last").path("steps").get(5).path("differences").get(0);
        assertThat(d.path("field").asText()).isEqualTo("crash");
        assertThat(d.path("expected").asText()).isEqualTo("false");
        assertThat(d.path("observed").asText()).isEqualTo("true");
    }

    @Test
    void allocSweepEndsAndRestoresWriteNoFlash() throws Exception {
        Path dir = tmp.resolve("alloc");
        int rc = run("sweep", "alloc", "--out", dir.toString());
        assertThat(rc).as(stdout()).isZero();
        JsonNode m = json(dir).path("measurements");
        assertThat(m.path("flash_erases_during_sweep").asLong()).isZero();
        assertThat(m.path("alloc_points").asInt()).isGreaterThan(2);
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(m.path("alloc_points").asInt() + 2);
    }

    @Test
    void powerCutSweepNeverTearsTheContext() throws Exception {
        Path dir = tmp.resolve("powercut");
        int rc = run("sweep", "powercut", "--out", dir.toString());
        assertThat(rc).as(stdout()).isZero();
        JsonNode report = json(dir);
        JsonNode m = report.path("measurements");
        assertThat(m.path("powercut_previous_kept").asInt() + m.path("powercut_new_committed").asInt())
                .isEqualTo(m.path("powercut_points").asInt());
        report.path("cases").forEach(c -> assertThat(c.path("measurements").path("outcome").asText()).isIn("previous", "new"));
        // the last point is the save that completed before the cut point
        JsonNode last = report.path("cases").get(report.path("cases").size() - 1);
        assertThat(last.path("measurements").path("outcome").asText()).isEqualTo("new");
    }

    @Test
    void fuzzShrinksADivergenceToAReplayableScenario() throws Exception {
        Path dir = tmp.resolve("fuzz");
        // against the contract profile an upstream board diverges, which gives the shrinker work; seed 25's
        // sequence (SequenceGenerator) restores with an allocation fault that upstream reaches and the contract not
        int rc = run("fuzz", "--seed", "25", "--count", "1", "--profile", "contract", "--out", dir.toString());
        assertThat(rc).isEqualTo(1);
        Path minimal = dir.resolve("fuzz-25-minimal.yaml");
        assertThat(minimal).exists();
        assertThat(stdout()).contains("divergence from seed 25").contains("replay: llext-hil fuzz --seed 25 --count 1");
        out.reset();
        int replay = run("run", minimal.toString(), "--profile", "contract", "--out", tmp.resolve("replay").toString());
        assertThat(replay).as("the minimal scenario still diverges").isEqualTo(1);
        int steps = (int) Files.readAllLines(minimal).stream().filter(l -> l.startsWith("  - ")).count();
        assertThat(steps).isLessThan(8);
    }

    private static JsonNode caseNamed(JsonNode report, String name) {
        for (JsonNode c : report.path("cases")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name);
    }
}
