package io.llexthil.campaign;

import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.ExpectValue;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.Scenario;
import io.llexthil.campaign.scenario.ScenarioException;
import io.llexthil.campaign.scenario.ScenarioLoader;
import io.llexthil.campaign.scenario.ScenarioWriter;
import io.llexthil.campaign.scenario.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    private static ScenarioException error(String yaml) {
        try {
            ScenarioLoader.parse(yaml, "bad.yaml", null);
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void parsesEveryStepKind() {
        Scenario s = ScenarioLoader.parse("""
                name: all-kinds
                images: {mine: ../x/mine.elf}
                steps:
                  - upload: [producer, consumer]
                  - load: producer
                    expect_rc: 0
                  - call: {ext: counter, symbol: counter_next, expect: previous+1}
                  - call: counter counter_next
                    expect: 7
                  - unload: producer
                  - state: [producer]
                  - save: [producer, consumer]
                  - save: all
                    fault: {flash: 3}
                  - reset: {kind: external, command: "relay-ctl 1 cycle"}
                  - reset: {kind: powercut, flash_op: 4}
                  - reset: dtr
                  - restore: {order: [1, 0]}
                    fault: {alloc: 2}
                    expect_rc: -ENOMEM
                  - erase: {}
                  - sleep: 250
                """, "x.yaml", null);
        assertThat(s.steps()).extracting(st -> st.kind()).containsExactly(StepKind.UPLOAD, StepKind.LOAD, StepKind.CALL,
                StepKind.CALL, StepKind.UNLOAD, StepKind.STATE, StepKind.SAVE, StepKind.SAVE, StepKind.RESET,
                StepKind.RESET, StepKind.RESET, StepKind.RESTORE, StepKind.ERASE, StepKind.SLEEP);
        assertThat(s.steps().get(0).exts()).containsExactly("producer", "consumer");
        assertThat(s.steps().get(2).expect()).isEqualTo(new ExpectValue(ExpectValue.Kind.PREVIOUS, 1));
        assertThat(s.steps().get(3).expect()).isEqualTo(ExpectValue.exact(7));
        assertThat(s.steps().get(5).expectExts()).containsExactly("producer");
        assertThat(s.steps().get(7).fault().flash()).isEqualTo(3);
        assertThat(s.steps().get(8).reset().command()).isEqualTo("relay-ctl 1 cycle");
        assertThat(s.steps().get(9).reset().kind()).isEqualTo(ResetKind.POWERCUT);
        assertThat(s.steps().get(9).reset().flashOp()).isEqualTo(4);
        assertThat(s.steps().get(11).order()).containsExactly(1, 0);
        assertThat(s.steps().get(11).expectRc()).isEqualTo(-12);
        assertThat(s.steps().get(13).sleepMs()).isEqualTo(250);
        assertThat(s.imageSource("mine")).isEqualTo("../x/mine.elf");
        assertThat(s.imageSource("producer")).isEqualTo("builtin:producer");
    }

    @Test
    void errorsNameFileStepAndField() {
        ScenarioException e = error("""
                name: x
                steps:
                  - load: producer
                  - load: consumer
                    expect_rc: banana
                """);
        assertThat(e.file()).isEqualTo("bad.yaml");
        assertThat(e.stepIndex()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("expect_rc");
        assertThat(e.getMessage()).isEqualTo("bad.yaml: step 1: field 'expect_rc': expected an integer or an errno"
                + " name such as -ENOENT, got 'banana'").doesNotContain("\n");
    }

    @Test
    void unknownKeysAreErrorsNotIgnored() {
        assertThat(error("name: x\nsteps:\n  - load: a\n    expcet_rc: 0\n").field()).isEqualTo("expcet_rc");
        assertThat(error("name: x\nstep:\n  - load: a\n").field()).isEqualTo("step");
        assertThat(error("name: x\nsteps:\n  - restore: {oder: [0]}\n").field()).isEqualTo("restore.oder");
    }

    @Test
    void badValuesPerField() {
        assertThat(error("name: x\nsteps:\n  - load: a\n  - reset: {kind: hammer}\n"))
                .satisfies(e -> assertThat(e.stepIndex()).isEqualTo(1))
                .satisfies(e -> assertThat(e.field()).isEqualTo("reset.kind"));
        assertThat(error("name: x\nsteps:\n  - load: a\n    fault: {alloc: 0}\n").field()).isEqualTo("fault.alloc");
        assertThat(error("name: x\nsteps:\n  - load: a\n    fault: {flash: 2}\n").field()).isEqualTo("fault.flash");
        assertThat(error("name: x\nsteps:\n  - call: {ext: a}\n").field()).isEqualTo("call.symbol");
        assertThat(error("name: x\nsteps:\n  - call: a f\n    expect: soon\n").field()).isEqualTo("expect");
        assertThat(error("name: x\nsteps:\n  - load: a\n    unload: b\n").getMessage()).contains("exactly one action");
        assertThat(error("name: x\nsteps:\n  - sleep: -5\n").field()).isEqualTo("sleep");
        assertThat(error("name: x\nsteps:\n  - reset: {kind: powercut}\n").field()).isEqualTo("reset.flash_op");
        assertThat(error("name: x\nsteps:\n  - load: 'bad name'\n").field()).isEqualTo("load");
        assertThat(error("name: x\nsteps: []\n").field()).isEqualTo("steps");
        assertThat(error("steps:\n  - load: a\n").field()).isEqualTo("name");
    }

    @Test
    void malformedYamlReportsLine() {
        ScenarioException e = error("name: x\nsteps:\n  - load: [a\n  - unload: b\n");
        assertThat(e.stepIndex()).isNull();
        assertThat(e.getMessage()).startsWith("bad.yaml: not valid YAML at line").doesNotContain("\n");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ScenarioException.class).hasMessageEndingWith("nope.yaml: no such file; check the path");
    }

    @Test
    void builtInSuiteLoadsAndCoversTheIssueList() {
        List<Scenario> suite = BuiltInSuite.load();
        assertThat(suite).extracting(Scenario::name).containsExactly("single-extension", "producer-consumer",
                "stateful-counter", "chain-eight-deps", "dependency-saved-last", "loaded-before-restore", "restore-twice",
                "restore-twice-no-deps",
                "restore-without-context", "restore-other-build", "save-empty", "duplicate-names", "unload-after-restore",
                "restore-beside-namesake");
        assertThat(suite).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void writerRoundTrips(@TempDir Path dir) throws Exception {
        for (Scenario s : BuiltInSuite.load()) {
            Path f = dir.resolve(s.name() + ".yaml");
            Files.writeString(f, ScenarioWriter.toYaml(s));
            Scenario back = ScenarioLoader.load(f);
            assertThat(back.steps()).extracting(st -> st.kind()).isEqualTo(s.steps().stream().map(st -> st.kind()).toList());
            assertThat(back.steps()).extracting(st -> st.describe()).isEqualTo(s.steps().stream().map(st -> st.describe()).toList());
        }
    }

    @Test
    void expectValues() {
        assertThat(ExpectValue.parse("previous").resolve(OptionalLong.of(5))).hasValue(5);
        assertThat(ExpectValue.parse("previous+1").resolve(OptionalLong.of(5))).hasValue(6);
        assertThat(ExpectValue.parse("previous - 2").resolve(OptionalLong.of(5))).hasValue(3);
        assertThat(ExpectValue.parse("0x10").resolve(OptionalLong.empty())).hasValue(16);
        assertThat(ExpectValue.parse("any").resolve(OptionalLong.of(1))).isEmpty();
        assertThat(ExpectValue.parse("later")).isNull();
    }
}
