package io.llexthil.campaign;

import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.CallAction;
import io.llexthil.campaign.scenario.EraseAction;
import io.llexthil.campaign.scenario.ExpectValue;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.ScenarioFileException;
import io.llexthil.campaign.scenario.ScenarioLoader;
import io.llexthil.campaign.scenario.ScenarioWriter;
import io.llexthil.campaign.scenario.SleepAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepAction;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.UploadAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    private static ScenarioFileException error(String yaml) {
        try {
            ScenarioLoader.parse(yaml, "bad.yaml", null);
        } catch (ScenarioFileException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void parsesEveryStepKind() {
        HilScenario s = ScenarioLoader.parse("""
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
        assertThat(s.steps()).extracting(Step::kind).containsExactly("upload", "load", "call", "call", "unload",
                "state", "save", "save", "reset", "reset", "reset", "restore", "erase", "sleep");
        List<StepAction> a = s.steps().stream().map(Step::action).toList();
        assertThat(a.get(0)).isEqualTo(new UploadAction(List.of("producer", "consumer")));
        assertThat(s.steps().get(1).expectRc()).isZero();
        assertThat(a.get(2)).isEqualTo(new CallAction("counter", "counter_next", new ExpectValue(ExpectValue.Kind.PREVIOUS, 1)));
        assertThat(a.get(3)).isEqualTo(new CallAction("counter", "counter_next", ExpectValue.exact(7)));
        assertThat(a.get(5)).isEqualTo(new StateAction(List.of("producer")));
        assertThat(a.get(6)).isEqualTo(new SaveAction(List.of("producer", "consumer")));
        assertThat(a.get(7)).isEqualTo(new SaveAction(List.of()));
        assertThat(s.steps().get(7).fault().flash()).isEqualTo(3);
        assertThat(a.get(8)).isEqualTo(new ResetAction(new ResetSpec(ResetKind.EXTERNAL, "relay-ctl 1 cycle", 0, 100, null)));
        assertThat(a.get(9)).isEqualTo(new ResetAction(new ResetSpec(ResetKind.POWERCUT, null, 4, 100, null)));
        assertThat(a.get(10)).isEqualTo(new ResetAction(ResetSpec.of(ResetKind.DTR)));
        assertThat(a.get(11)).isEqualTo(new RestoreAction(List.of(1, 0)));
        assertThat(s.steps().get(11).fault()).isEqualTo(new StepFaults(2, 0));
        assertThat(s.steps().get(11).expectRc()).isEqualTo(-12);
        assertThat(a.get(12)).isEqualTo(new EraseAction());
        assertThat(a.get(13)).isEqualTo(new SleepAction(250));
        assertThat(s.imageSource("mine")).isEqualTo("../x/mine.elf");
        assertThat(s.imageSource("producer")).isEqualTo("builtin:producer");
    }

    @Test
    void errorsNameFileStepAndField() {
        ScenarioFileException e = error("""
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
        assertThat(error("name: x\nsteps:\n  - load: a\n    expect: 3\n")).satisfies(e -> assertThat(e.field()).isEqualTo("expect"))
                .satisfies(e -> assertThat(e.getMessage()).contains("only a call step has 'expect'").contains("expect_rc"));
        assertThat(error("name: x\nsteps:\n  - load: a\n    unload: b\n").getMessage()).contains("exactly one action");
        assertThat(error("name: x\nsteps:\n  - sleep: -5\n").field()).isEqualTo("sleep");
        assertThat(error("name: x\nsteps:\n  - reset: {kind: powercut}\n").field()).isEqualTo("reset.flash_op");
        assertThat(error("name: x\nsteps:\n  - load: 'bad name'\n").field()).isEqualTo("load");
        assertThat(error("name: x\nsteps: []\n").field()).isEqualTo("steps");
        assertThat(error("steps:\n  - load: a\n").field()).isEqualTo("name");
    }

    @Test
    void malformedYamlReportsLine() {
        ScenarioFileException e = error("name: x\nsteps:\n  - load: [a\n  - unload: b\n");
        assertThat(e.stepIndex()).isNull();
        assertThat(e.getMessage()).startsWith("bad.yaml:4: not valid YAML at column ").doesNotContain("\n");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ScenarioFileException.class).hasMessageEndingWith("nope.yaml: no such file; check the path");
    }

    @Test
    void builtInSuiteLoadsAndCoversTheIssueList() {
        List<HilScenario> suite = BuiltInSuite.load();
        assertThat(suite).extracting(HilScenario::name).containsExactly("single-extension", "producer-consumer",
                "stateful-counter", "chain-eight-deps", "dependency-saved-last", "loaded-before-restore", "restore-twice",
                "restore-twice-no-deps",
                "restore-without-context", "restore-other-build", "save-empty", "duplicate-names", "unload-after-restore",
                "restore-beside-namesake");
        assertThat(suite).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void writerRoundTrips(@TempDir Path dir) throws Exception {
        for (HilScenario s : BuiltInSuite.load()) {
            Path f = dir.resolve(s.name() + ".yaml");
            Files.writeString(f, ScenarioWriter.toYaml(s));
            HilScenario back = ScenarioLoader.load(f);
            assertThat(back.steps()).extracting(Step::action).isEqualTo(s.steps().stream().map(Step::action).toList());
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
