package io.llexthil.campaign;

import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.fake.FakeBoardClient;
import io.llexthil.campaign.fake.FakeTwin;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioFileException;
import io.llexthil.campaign.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario's reset steps reach the board's lifecycle with every parameter, or are refused when loaded. */
class ResetStepsTest {
    @TempDir
    Path firmware;
    FakeBoardClient board;
    ScenarioRunner runner;
    final List<String> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        board = new FakeBoardClient();
        board.controlLines = true;
        RunListener listener = new RunListener() {
            @Override
            public void caseStarted(String name, int index, int total) {
                started.add(name);
            }
        };
        runner = new ScenarioRunner(board, (profile, info) -> new FakeTwin(), "upstream", new ImageLibrary(firmware),
                new StandardResetDriver(), RunOptions.defaults(), listener);
    }

    @Test
    void everyResetParameterReachesTheLifecycle() {
        HilScenario s = ScenarioLoader.parse("""
                name: resets
                steps:
                  - reset: {kind: dtr, pulse_ms: 250}
                  - reset: rts
                  - reset: qmp
                  - reset: {kind: external, command: 'relay-ctl 1 cycle'}
                  - reset: {kind: firmware, build_id: 00000000deadbeef, command: 'flash-it ${build_id}'}
                """, "resets.yaml", null);

        CaseResult r = runner.run(s);

        assertThat(r.status()).as(r.message()).isEqualTo(CaseStatus.PASS);
        assertThat(board.transitions).containsExactly("pulse DTR 250ms", "pulse RTS 100ms", "hard",
                "external relay-ctl 1 cycle", "external flash-it 00000000deadbeef");
    }

    @Test
    void parametersThatCannotApplyAreRefusedWhenLoaded() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: x
                steps:
                  - reset: {kind: qmp, pulse_ms: 50}
                """, "x.yaml", null))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining("reset.pulse_ms").hasMessageContaining("only kinds dtr and rts take pulse_ms");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: x
                steps:
                  - reset: {kind: dtr, pulse_ms: 0}
                """, "x.yaml", null))
                .isInstanceOf(ScenarioFileException.class).hasMessageContaining("expected milliseconds 1..60000");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: x
                steps:
                  - reset: {kind: shell, command: 'reboot now'}
                """, "x.yaml", null))
                .isInstanceOf(ScenarioFileException.class).hasMessageContaining("only kinds external and firmware take a command");
    }

    @Test
    void aBoardWithNoWorkingResetStopsTheRunAtTheFirstCase() {
        board.resetFailure = new ResetUnavailableException("bench", "reset (shell command 'kernel reboot cold')",
                "the board did not reboot", "", null);
        HilScenario fresh = ScenarioLoader.parse("""
                name: needs-a-reset
                steps:
                  - state: []
                """, "a.yaml", null);

        assertThatThrownBy(() -> runner.runAll(List.of(fresh, fresh, fresh)))
                .isInstanceOf(ResetUnavailableException.class)
                .hasMessage("bench: reset (shell command 'kernel reboot cold'): the board did not reboot");
        assertThat(started).hasSize(1);
    }

    @Test
    void aCaseNeedingAFirmwareSwitchTheBoardCannotDoIsSkippedBeforeAnythingIsSent() {
        HilScenario other = ScenarioLoader.parse("""
                name: other-build
                steps:
                  - save: all
                  - reset: {kind: firmware, build_id: 00000000deadbeef}
                  - restore: {}
                """, "other.yaml", null);
        HilScenario plain = ScenarioLoader.parse("""
                name: plain
                steps:
                  - state: []
                """, "plain.yaml", null);

        RunResult run = new RunResult("run", "fake", "", "upstream", runner.runAll(List.of(other, plain)),
                new java.util.LinkedHashMap<>(), firmware, java.time.Instant.now(), 0);

        CaseResult skipped = run.cases().get(0);
        assertThat(skipped.status()).isEqualTo(CaseStatus.SKIPPED);
        assertThat(skipped.message()).isEqualTo("not run on this board: step 1 (reset into firmware build"
                + " 00000000deadbeef): this board cannot switch firmware builds by itself; give the reset step a"
                + " 'command' that flashes build ${build_id}");
        assertThat(skipped.steps()).extracting(StepRecord::outcome).containsOnly(StepOutcome.SKIPPED);
        assertThat(run.cases().get(1).status()).isEqualTo(CaseStatus.PASS);
        assertThat(board.sent).as("nothing of the skipped case reaches the board").noneMatch(c -> c.contains("ctx save"));
        assertThat(run.allPassed()).as("a skipped case does not fail the run").isTrue();
        assertThat(ConsoleSummary.render(run)).contains("2 cases: 1 passed, 0 failed (divergences), 0 errors,"
                + " 1 skipped (this board cannot run them)");
    }
}
