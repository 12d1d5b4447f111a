package io.llexthil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes and one-line messages for bad input, through the real command line and board layer. */
class CliExitCodeTest extends CliHarness {
    @TempDir
    Path tmp;

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<Path> runsLeft() throws Exception {
        Path runs = tmp.resolve("runs");
        if (!Files.exists(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    @Test
    void malformedYamlExitsTwoWithOneLineNamingFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nsteps:\n  - load: [producer\n");
        int rc = run("run", bad.toString(), "--runs-dir", tmp.resolve("runs").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(errText().strip()).startsWith("llext-hil: " + bad + ":3: not valid YAML at column ")
                .doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(runsLeft()).as("nothing written").isEmpty();
    }

    @Test
    void badStepFieldExitsTwoNamingStepAndField() throws Exception {
        Path bad = tmp.resolve("bad-step.yaml");
        Files.writeString(bad, "name: x\nsteps:\n  - load: producer\n  - reset: {kind: hammer}\n");
        assertThat(run("run", bad.toString(), "--runs-dir", tmp.resolve("runs").toString())).isEqualTo(2);
        assertThat(errText().strip()).isEqualTo("llext-hil: " + bad + ": step 1: field 'reset.kind': unknown reset kind"
                + " 'hammer'; use shell, dtr, rts, qmp, external, powercut or firmware");
    }

    @Test
    void twinPredictTakesEveryTwinProfileAndRefusesOthers() throws Exception {
        Path scenario = tmp.resolve("chain.json");
        Files.writeString(scenario, """
                {"target": {"llext": 208, "sect_map": 8, "symbol": 8, "ptr": 4},
                 "extensions": [{"name": "prod", "exports": ["p_get"], "sections": 3},
                                {"name": "cons", "imports": ["p_get"], "sections": 2}],
                 "saved": ["cons", "prod"]}
                """);
        for (String profile : List.of("upstream", "upstream-optimised", "contract", "both")) {
            assertThat(run("twin", "predict", scenario.toString(), "--profile", profile)).as(profile + ": " + errText()).isZero();
        }
        err.reset();
        assertThat(run("twin", "predict", scenario.toString(), "--profile", "optimised")).isEqualTo(2);
        assertThat(errText().strip()).isEqualTo("llext-hil: --profile: unknown profile 'optimised'; use upstream,"
                + " upstream-optimised, contract or both");
    }

    @Test
    void unknownBoardExitsTwo() throws Exception {
        int rc = run("run", "--board", "no-such-board", "--runs-dir", tmp.resolve("runs").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(errText().strip()).startsWith("llext-hil: ").contains("no-such-board").doesNotContain("\n");
        assertThat(runsLeft()).isEmpty();
    }

    @Test
    void unreachableLinkExitsTwoAndLeavesNoRunDirectory() throws Exception {
        int rc = run("run", "--link", "tcp://127.0.0.1:1", "--runs-dir", tmp.resolve("runs").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(errText().strip()).startsWith("llext-hil: 127.0.0.1:1: cannot connect to tcp://127.0.0.1:1: ")
                .doesNotContain("\n");
        assertThat(runsLeft()).isEmpty();
    }

    @Test
    void badLinkUrlExitsTwo() {
        assertThat(run("diag", "--link", "nonsense")).isEqualTo(2);
        assertThat(errText().strip()).startsWith("llext-hil: ").doesNotContain("\n");
    }

    @Test
    void unknownOptionAndProfileExitTwo() {
        assertThat(run("run", "--frobnicate")).isEqualTo(2);
        assertThat(errText()).contains("Unknown option: '--frobnicate'");
        err.reset();
        assertThat(run("run", "--profile", "sideways", "--runs-dir", tmp.resolve("runs").toString())).isEqualTo(2);
        assertThat(errText().strip()).isEqualTo("llext-hil: --profile sideways: unknown twin profile; use upstream, upstream-optimised or contract");
    }

    @Test
    void existingOutDirectoryIsNeverReused() throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(outDir.resolve("keep.txt"), "precious");
        assertThat(run("run", "--link", "tcp://127.0.0.1:1", "--out", outDir.toString())).isEqualTo(2);
        assertThat(errText()).contains("already exists");
        assertThat(outDir.resolve("keep.txt")).hasContent("precious");
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> cmd : List.<List<String>>of(List.of(), List.of("run"), List.of("sweep"), List.of("sweep", "alloc"),
                List.of("sweep", "powercut"), List.of("fuzz"), List.of("diag"), List.of("console"), List.of("twin"),
                List.of("twin", "predict"), List.of("twin", "explore"), List.of("boards"), List.of("qemu"))) {
            out.reset();
            String[] args = Stream.concat(cmd.stream(), Stream.of("--help")).toArray(String[]::new);
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).contains("Usage: llext-hil");
        }
    }

    @Test
    void generatesACompletionScript() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("complete -F").contains("llext-hil");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(errText()).contains("missing command");
    }
}
