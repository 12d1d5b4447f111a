package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pools, shards and report merge with the real command line on the real simulated board. */
class PoolEndToEndTest extends CliHarness {
    @TempDir
    Path tmp;

    static JsonNode report(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    /** Case name to status, in report order. */
    static Map<String, String> verdicts(Path dir) throws Exception {
        Map<String, String> v = new LinkedHashMap<>();
        report(dir).path("cases").forEach(c -> v.put(c.path("name").asText(), c.path("status").asText()));
        return v;
    }

    private void runOk(String... args) {
        int rc = run(args);
        assertThat(rc).as(stdout() + stderr()).isZero();
    }

    @Test
    void aPoolOfFourSimulatedBoardsGivesTheVerdictsOfOneBoard() throws Exception {
        Path one = tmp.resolve("one");
        Path four = tmp.resolve("four");
        runOk("run", "--out", one.toString());
        runOk("run", "--pool", "sim:4", "--out", four.toString());

        int cases = BuiltInSuite.fileNames().size();
        assertThat(verdicts(four)).hasSize(cases).containsExactlyEntriesOf(verdicts(one));
        JsonNode r = report(four);
        assertThat(r.path("board").asText()).isEqualTo("sim-1,sim-2,sim-3,sim-4");
        List<String> boards = List.of("sim-1", "sim-2", "sim-3", "sim-4");
        r.path("cases").forEach(c -> {
            String board = c.path("measurements").path("board").asText();
            assertThat(board).isIn(boards);
            // the board's own files (its flash, its transcript) are in its directory
            assertThat(four.resolve("boards").resolve(board).resolve("sim.flash")).exists();
        });
        assertThat(four.resolve("junit.xml")).content().contains("<property name=\"board\" value=\"sim-");
    }

    @Test
    void threeShardsCoverEveryCaseOnceAndTheirMergeEqualsTheUnshardedRun() throws Exception {
        Path whole = tmp.resolve("whole");
        runOk("run", "--out", whole.toString());
        List<String> shardDirs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path d = tmp.resolve("shard-" + k);
            runOk("run", "--shard", k + "/3", "--out", d.toString());
            shardDirs.add(d.toString());
            seen.addAll(verdicts(d).keySet());
            assertThat(report(d).path("measurements").path("shard").asText()).isEqualTo(k + "/3");
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(verdicts(whole).keySet());

        Path merged = tmp.resolve("merged");
        List<String> args = new ArrayList<>(List.of("report", "merge", "--out", merged.toString()));
        args.addAll(shardDirs);
        runOk(args.toArray(String[]::new));
        assertThat(verdicts(merged)).containsExactlyEntriesOf(verdicts(whole));
        assertThat(stdout()).contains("HTML report:   " + merged.resolve("report.html"));
        assertThat(merged.resolve("report.html")).content().contains("dependency-saved-last");
        var junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(merged.resolve("junit.xml").toFile()).getDocumentElement();
        assertThat(junit.getAttribute("tests")).isEqualTo(String.valueOf(verdicts(whole).size()));
    }

    @Test
    void mergingARunTwiceIsRefusedWithOneLine() throws Exception {
        Path d = tmp.resolve("shard-1");
        runOk("run", "--shard", "1/3", "--out", d.toString());
        int rc = run("report", "merge", "--out", tmp.resolve("m").toString(), d.toString(), d.toString());
        assertThat(rc).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr()).contains("report merge: case ").contains(" is in both ");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void aBoardThatNeverBecomesReadyIsDroppedAndTheReportSaysWhy() throws Exception {
        // "deaf" is the simulated board with a prompt it never prints: its ready wait fails for real
        BoardBridge real = new DefaultBoardBridge();
        BoardBridge withDeaf = new BoardBridge() {
            public BoardProfile profile(String board, Path hardwareMap, String link) {
                if ("deaf".equals(board)) {
                    return real.profile("sim", hardwareMap, link).toBuilder().id("deaf")
                            .prompt("never-this-prompt$ ").readyTimeout(Duration.ofSeconds(2)).build();
                }
                return real.profile(board, hardwareMap, link);
            }

            public Inventory inventory(Path hardwareMap) { return real.inventory(hardwareMap); }

            public BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) { return real.open(profile, runDir, mode); }

            public StandardResetDriver.FirmwareSwitch firmwareSwitch(BoardProfile profile) {
                return real.firmwareSwitch(profile);
            }
        };
        Cli.use(withDeaf, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Path dir = tmp.resolve("pool");
        runOk("run", "--board", "deaf", "--pool", "sim:2", "--out", dir.toString());

        JsonNode r = report(dir);
        assertThat(r.path("cases")).hasSize(BuiltInSuite.fileNames().size());
        r.path("cases").forEach(c -> assertThat(c.path("measurements").path("board").asText()).isIn("sim-1", "sim-2"));
        JsonNode dropped = r.path("measurements").path("dropped_boards");
        assertThat(dropped).hasSize(1);
        assertThat(dropped.get(0).asText()).startsWith("deaf: not ready: ");
        assertThat(stdout()).contains("board dropped: deaf: not ready: ");
        assertThat(dir.resolve("report.html")).content().contains("dropped_boards");
    }
}
