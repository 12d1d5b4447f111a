package io.llexthil.campaign;

import io.llexthil.campaign.fake.FakeBoardClient;
import io.llexthil.campaign.fake.FakeTwin;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.CaseStatus;
import io.llexthil.campaign.run.Difference;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.run.StepOutcome;
import io.llexthil.campaign.run.StepRecord;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioRunnerTest {
    @TempDir
    Path firmware;
    FakeBoardClient board;
    FakeTwin twin;
    ScenarioRunner runner;
    /** The next twin the factory creates predicts a crash on this command kind. */
    String twinCrashOn;

    private static final String SAVE_RESTORE = """
            name: save-restore
            steps:
              - upload: [producer, consumer]
              - load: producer
              - load: consumer
              - call: {ext: consumer, symbol: consumer_sum, expect: 42}
              - save: all
              - reset: shell
              - restore: {}
              - state: [producer, consumer]
              - call: {ext: consumer, symbol: consumer_sum, expect: previous}
              - unload: consumer
            """;

    @BeforeEach
    void setUp() throws Exception {
        Path ext = firmware.resolve("model/ext/host");
        Files.createDirectories(ext);
        for (String n : List.of("producer", "consumer", "counter")) {
            Files.write(ext.resolve(n + ".o"), new byte[] {0x7f, 'E', 'L', 'F'});
        }
        board = new FakeBoardClient();
        runner = new ScenarioRunner(board, (profile, info) -> {
            twin = new FakeTwin();
            twin.crashOn = twinCrashOn;
            return twin;
        }, "upstream", new ImageLibrary(firmware),
                new StandardResetDriver(), RunOptions.defaults(), null);
    }

    private CaseResult run(String yaml) {
        HilScenario s = ScenarioLoader.parse(yaml, "test.yaml", null);
        return runner.run(s);
    }

    @Test
    void boardAndTwinAgree() {
        CaseResult r = run(SAVE_RESTORE);
        assertThat(r.status()).as(r.message()).isEqualTo(CaseStatus.PASS);
        assertThat(r.steps()).extracting(StepRecord::outcome).containsOnly(StepOutcome.AGREE);
        StepRecord restore = r.steps().get(6);
        assertThat(restore.observed().get("rc")).isEqualTo("0");
        assertThat(restore.predicted().get("list")).isEqualTo("[producer,consumer]");
        assertThat(restore.observed().get("ctx.saved")).isEqualTo("[producer,consumer]");
        assertThat(r.steps().get(5).reset()).isTrue();
        // prepare erased the context store and reset the board before the first step
        assertThat(board.sent).startsWith("info", "fault clear", "ctx erase", "reset cold");
    }

    @Test
    void aRetriedStepIsRecordedAsRetriedAndStillJudged() {
        board.retryOn = "load consumer";
        CaseResult r = run(SAVE_RESTORE);
        assertThat(r.status()).as(r.message()).isEqualTo(CaseStatus.PASS);
        StepRecord load = r.steps().get(2);
        assertThat(load.observed().get("link.retries")).isEqualTo("1");
        assertThat(load.observed().get("link.recovery")).contains("hil load consumer").contains("damaged result line");
        assertThat(r.steps().get(1).observed().has("link.retries")).isFalse();
    }

    @Test
    void leakOnTheBoardIsADivergence() {
        board.leakOnRestore = 16;
        CaseResult r = run(SAVE_RESTORE);
        assertThat(r.status()).isEqualTo(CaseStatus.FAIL);
        Difference d = r.differences().get(0);
        assertThat(d.step()).isEqualTo(6);
        assertThat(d.field()).isEqualTo("heap.used");
        assertThat(d.expected()).isEqualTo("200");
        assertThat(d.observed()).isEqualTo("216");
        assertThat(d.excerpt()).anyMatch(l -> l.contains("hil ctx restore"));
        assertThat(r.message()).startsWith("step 6 (restore): heap.used: expected 200 (twin), observed 216");
    }

    @Test
    void unpredictedCrashIsADivergenceAndStopsTheScenario() {
        board.crashOn = "unload";
        CaseResult r = run(SAVE_RESTORE);
        assertThat(r.status()).isEqualTo(CaseStatus.FAIL);
        StepRecord last = r.steps().get(9);
        assertThat(last.outcome()).isEqualTo(StepOutcome.DIVERGE);
        assertThat(last.differences()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("crash");
            assertThat(d.observed()).isEqualTo("true");
        });
        assertThat(last.excerpt()).anyMatch(l -> l.contains("FATAL ERROR"));
    }

    @Test
    void predictedCrashObservedIsAnAgreementAndTheNextScenarioStartsFromAReset() {
        board.crashOn = "unload";
        twinCrashOn = "unload";
        CaseResult r = run(SAVE_RESTORE + "  - state: []\n");
        assertThat(r.status()).as(r.message()).isEqualTo(CaseStatus.PASS);
        assertThat(r.steps().get(9).outcome()).isEqualTo(StepOutcome.CRASH_AGREED);
        assertThat(r.steps().get(10).outcome()).isEqualTo(StepOutcome.SKIPPED);
        board.crashOn = null;
        twinCrashOn = null;
        int resetsBefore = board.resets;
        CaseResult next = run(SAVE_RESTORE);
        assertThat(next.status()).isEqualTo(CaseStatus.PASS);
        assertThat(board.resets - resetsBefore).as("recovery reset + the fresh scenario's reset + its reset step").isEqualTo(3);
    }

    @Test
    void callValuesAreCheckedAgainstTheScenario() {
        CaseResult r = run("""
                name: calls
                steps:
                  - upload: producer
                  - load: producer
                  - call: {ext: producer, symbol: producer_value, expect: 41}
                  - call: {ext: producer, symbol: producer_value, expect: previous+1}
                """);
        assertThat(r.status()).isEqualTo(CaseStatus.FAIL);
        assertThat(r.differences()).extracting(Difference::field, Difference::source, Difference::expected, Difference::observed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call.value", "scenario", "41 (41)", "42"),
                        org.assertj.core.groups.Tuple.tuple("call.value", "scenario", "43 (previous+1)", "42"));
    }

    @Test
    void expectRcAndStateListAreScenarioChecks() {
        CaseResult r = run("""
                name: checks
                steps:
                  - restore: {}
                    expect_rc: 0
                  - state: [producer]
                """);
        assertThat(r.differences()).extracting(Difference::field, Difference::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rc", "scenario"),
                        org.assertj.core.groups.Tuple.tuple("list", "scenario"));
    }

    @Test
    void allocFaultReachedIsRecordedOnBothSides() {
        CaseResult r = run("""
                name: fault
                steps:
                  - upload: producer
                  - load: producer
                    fault: {alloc: 1}
                  - load: producer
                    fault: {alloc: 1}
                """);
        assertThat(r.status()).as(r.message()).isEqualTo(CaseStatus.PASS);
        assertThat(r.steps().get(1).observed().get("rc")).isEqualTo("-12");
        assertThat(r.steps().get(1).observed().get("fault.reached")).isEqualTo("true");
        assertThat(board.sent).contains("fault alloc 1", "fault clear");
    }

    @Test
    void missingImageIsAnErrorNamingThePath() {
        CaseResult r = run("name: x\nsteps:\n  - upload: nosuch\n  - load: nosuch\n");
        assertThat(r.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(r.message()).contains("image 'nosuch' not found at").contains("nosuch.o");
        assertThat(r.steps().get(1).outcome()).isEqualTo(StepOutcome.SKIPPED);
    }

    @Test
    void unsupportedResetKindIsAnErrorNotAPass() {
        CaseResult r = run("name: x\nsteps:\n  - reset: dtr\n");
        assertThat(r.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(r.message()).contains("reset (DTR pulse)").contains("has no DTR line");
    }
}
