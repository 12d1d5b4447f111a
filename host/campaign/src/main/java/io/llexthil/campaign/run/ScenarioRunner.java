package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.board.ReadOnlyViolationException;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.board.RetryLog;
import io.llexthil.campaign.facts.BoardFacts;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.facts.StateFacts;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.StepRun;
import io.llexthil.campaign.twin.TwinResult;
import io.llexthil.campaign.twin.TwinSession;
import io.llexthil.campaign.twin.TwinSessionFactory;
import io.llexthil.shell.BoardCrashedException;
import io.llexthil.shell.ShellException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs scenarios step by step on a board and in the twin, and diffs every step.
 *
 * <p>Per step: arm the step's faults on both sides, run the command on the board and in the twin,
 * clear the faults, read the board's {@code state} (and {@code ctx info} after steps that touch
 * the context), and compare with the twin's view and the scenario's own expectations. After a
 * crash or an error the scenario stops; the board and the twin are reset before the next one.
 */
public final class ScenarioRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final BoardClient board;
    private final TwinSessionFactory twins;
    private final String profile;
    private final ImageLibrary images;
    private final ResetDriver resets;
    private final RunOptions options;
    private final RunListener listener;
    private BoardInfo info;
    private String bootedBuild = "default";
    private boolean needsRecovery;

    public ScenarioRunner(BoardClient board, TwinSessionFactory twins, String profile, ImageLibrary images,
                          ResetDriver resets, RunOptions options, RunListener listener) {
        this.board = board;
        this.twins = twins;
        this.profile = profile;
        this.images = images;
        this.resets = resets;
        this.options = options;
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    /** The board's {@code info}, read once (the twin needs its target sizes). */
    public BoardInfo boardInfo() {
        if (info == null) {
            info = board.info();
        }
        return info;
    }

    public List<CaseResult> runAll(List<HilScenario> scenarios) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            listener.caseStarted(scenarios.get(i).name(), i, scenarios.size());
            CaseResult r = run(scenarios.get(i));
            listener.caseDone(r);
            out.add(r);
        }
        return out;
    }

    public CaseResult run(HilScenario scenario) {
        return run(scenario, "scenario", Map.of());
    }

    /** Runs one scenario as a test case of {@code group}, with extra measurements recorded on it. */
    public CaseResult run(HilScenario scenario, String group, Map<String, Object> measurements) {
        return run(scenario, group, measurements, null);
    }

    /**
     * Runs one scenario with a twin that continues from an earlier case (a sweep's points share the
     * context saved by its setup), or a fresh one when {@code sharedTwin} is null.
     */
    public CaseResult run(HilScenario scenario, String group, Map<String, Object> measurements, TwinSession sharedTwin) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<StepRecord> records = new ArrayList<>();
        Map<String, Object> meas = new LinkedHashMap<>(measurements);
        Optional<String> cannot = unavailableHere(scenario);
        if (cannot.isPresent()) {
            return skipped(scenario, group, meas, started, cannot.get());
        }
        TwinSession twin;
        try {
            twin = prepare(scenario, sharedTwin);
        } catch (ResetUnavailableException e) {
            throw e; // no case can start on this board: one line for the whole run, not one error per case
        } catch (RuntimeException e) {
            needsRecovery = true;
            records.add(errorRecord(-1, "prepare (erase, reset)", "prepare", e, started));
            return finish(scenario, group, records, meas, started, t0);
        }
        ScenarioState state = new ScenarioState(scenario, twin);
        boolean stop = false;
        for (Step step : scenario.steps()) {
            if (stop) {
                records.add(new StepRecord(step.index(), step.describe(), step.kind(), StepOutcome.SKIPPED,
                        new Facts(), new Facts(), List.of(), null, board.session().epoch(), false, Instant.now(), 0, List.of()));
                continue;
            }
            StepRecord r = runStep(step, state);
            records.add(r);
            listener.stepDone(scenario.name(), r, scenario.steps().size());
            if (r.outcome() == StepOutcome.ERROR || r.outcome() == StepOutcome.CRASH_AGREED
                    || "true".equals(r.observed().get("crash")) || "true".equals(r.predicted().get("crash"))) {
                stop = true;
                needsRecovery = true;
            }
        }
        return finish(scenario, group, records, meas, started, t0);
    }

    /**
     * Why this board cannot run the scenario at all (a reset it cannot do, test commands a field
     * build leaves out), before anything but {@code info} is sent.
     */
    private Optional<String> unavailableHere(HilScenario scenario) {
        Optional<String> reset = scenario.steps().stream()
                .filter(step -> step.action() instanceof ResetAction)
                .map(step -> resets.unavailable(board, ((ResetAction) step.action()).spec())
                        .map(why -> "not run on this board: step " + step.index() + " (" + step.describe() + "): " + why))
                .flatMap(Optional::stream)
                .findFirst();
        if (reset.isPresent()) {
            return reset;
        }
        return scenario.testCommandUse().filter(use -> !boardInfo().testCommands())
                .map(use -> "not run on this board: it has no test commands (built with CONFIG_LLEXT_HIL_TEST=n), and "
                        + use);
    }

    private CaseResult skipped(HilScenario s, String group, Map<String, Object> meas, Instant started, String why) {
        List<StepRecord> records = s.steps().stream().map(step -> new StepRecord(step.index(), step.describe(), step.kind(),
                StepOutcome.SKIPPED, new Facts(), new Facts(), List.of(), null, board.session().epoch(), false,
                started, 0, List.of())).toList();
        return new CaseResult(s.name(), group, s.description(), s.source(), CaseStatus.SKIPPED, records, meas,
                why, started, 0);
    }

    private CaseResult finish(HilScenario s, String group, List<StepRecord> records, Map<String, Object> meas,
                              Instant started, long t0) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new CaseResult(s.name(), group, s.description(), s.source(), CaseResult.statusOf(records), records,
                meas, CaseResult.messageOf(records), started, millis);
    }

    /** A fresh scenario starts from a ready board in its own build, an erased context store and a fresh twin. */
    private TwinSession prepare(HilScenario scenario, TwinSession sharedTwin) {
        if (needsRecovery) {
            resets.recover(board, options.resetTimeout());
            needsRecovery = false;
        }
        if (!"default".equals(bootedBuild)) {
            resets.reset(board, new ResetSpec(ResetKind.FIRMWARE, null, 0, 0, "default"), options.resetTimeout());
            bootedBuild = "default";
        }
        BoardInfo bi = boardInfo();
        TwinSession twin = sharedTwin != null ? sharedTwin : twins.create(profile, bi);
        if (scenario.fresh()) {
            board.require(board.faultClear());
            board.require(board.ctxErase());
            resets.reset(board, ResetSpec.shell(), options.resetTimeout());
        }
        return twin;
    }

    /** Per-scenario bookkeeping: the twin and the last value of each call. */
    private static final class ScenarioState {
        final HilScenario scenario;
        final TwinSession twin;
        final Map<String, Long> lastValue = new HashMap<>();

        ScenarioState(HilScenario scenario, TwinSession twin) {
            this.scenario = scenario;
            this.twin = twin;
        }
    }

    /**
     * Runs the step and records what link recovery did meanwhile (retried or resolved requests,
     * restarted uploads) as observed facts {@code link.retries} and {@code link.recovery}: a
     * retried step is reported as such, and only intact answers were ever compared.
     */
    private StepRecord runStep(Step step, ScenarioState st) {
        RetryLog retries = RetryLog.of(board.session());
        int mark = retries.mark();
        StepRecord record = runStepOnce(step, st);
        List<String> retried = retries.since(mark);
        if (!retried.isEmpty()) {
            record.observed().put("link.retries", retried.size()).put("link.recovery", String.join(" | ", retried));
        }
        return record;
    }

    private StepRecord runStepOnce(Step step, ScenarioState st) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int from = board.session().transcript().mark();
        Facts predicted = new Facts();
        Run run = new Run(step, st);
        Facts observed = run.observed;
        boolean crashed = false;
        String error = null;
        TwinResult prediction = TwinResult.none();
        try {
            if (step.fault().alloc() > 0) {
                board.require(board.faultAlloc(step.fault().alloc()));
                st.twin.armAllocFault(step.fault().alloc());
            }
            if (step.fault().flash() > 0) {
                board.require(board.faultFlash(step.fault().flash()));
            }
            prediction = step.action().predict(run);
            step.action().perform(run);
        } catch (BoardCrashedException e) {
            crashed = true;
            error = e.getMessage();
        } catch (ShellException | ImageLibrary.ImageNotFoundException | ReadOnlyViolationException e) {
            return errorRecord(step, e, started, t0, from, observed, predicted, run.didReset);
        }
        observed.put("crash", crashed);
        predicted.put("crash", prediction.crash());
        if (prediction.rc() != null) {
            predicted.put("rc", prediction.rc());
        }
        predicted.putAll(prediction.extra());
        if (!crashed && !prediction.crash()) {
            try {
                if (step.fault().alloc() > 0) {
                    // a sweep stops at the first k whose fault was never reached
                    observed.put("fault.reached", board.fault().alloc() == 0);
                    predicted.put("fault.reached", !st.twin.allocFaultPending());
                }
                if (step.fault().any()) {
                    board.require(board.faultClear());
                    st.twin.clearFaults();
                }
                BoardFacts.putState(observed, board.state());
                boolean touchesContext = step.action().touchesContext();
                if (touchesContext) {
                    BoardFacts.putCtx(observed, board.ctxInfo());
                }
                putTwinView(predicted, st.twin, touchesContext);
            } catch (BoardCrashedException e) {
                crashed = true;
                error = e.getMessage();
                observed.put("crash", true);
            } catch (ShellException e) {
                return errorRecord(step, e, started, t0, from, observed, predicted, run.didReset);
            }
        }
        checkExpectRc(step, run);
        step.action().checkAfter(observed, run);
        List<String> excerpt = board.session().transcript().excerpt(from, board.session().transcript().mark(),
                options.excerptLines());
        List<Difference> diffs = new ArrayList<>(Differ.diff(step.index(), step.describe(), predicted, observed, excerpt));
        for (Difference d : run.scenarioDiffs) {
            diffs.add(new Difference(d.step(), d.stepLabel(), d.field(), d.source(), d.expected(), d.observed(), excerpt));
        }
        StepOutcome outcome = !diffs.isEmpty() ? StepOutcome.DIVERGE
                : crashed ? StepOutcome.CRASH_AGREED : StepOutcome.AGREE;
        if (crashed) {
            LOG.info("{}: step {} crashed: {}", board.boardName(), step.index(), error);
        }
        return new StepRecord(step.index(), step.describe(), step.kind(), outcome, predicted, observed, diffs,
                crashed ? error : null, board.session().epoch(), run.didReset, started,
                (System.nanoTime() - t0) / 1_000_000, excerpt);
    }

    /** {@code expect_rc}: the return code the scenario itself requires, whatever the twin says. */
    private static void checkExpectRc(Step step, Run run) {
        if (step.expectRc() != null) {
            String o = run.observed.has("rc") ? run.observed.get("rc") : Difference.ABSENT;
            if (!o.equals(step.expectRc().toString())) {
                run.scenarioDifference("rc", step.expectRc().toString(), o);
            }
        }
    }

    /** What one step's action sees of this runner: the board, the twin, images, resets, power cuts. */
    private final class Run implements StepRun {
        final Step step;
        final ScenarioState st;
        final Facts observed = new Facts();
        final List<Difference> scenarioDiffs = new ArrayList<>();
        boolean didReset;

        Run(Step step, ScenarioState st) {
            this.step = step;
            this.st = st;
        }

        @Override
        public BoardClient board() { return board; }

        @Override
        public TwinSession twin() { return st.twin; }

        @Override
        public byte[] image(String name) { return images.read(st.scenario, name, boardInfo().arch()); }

        @Override
        public Facts observed() { return observed; }

        @Override
        public StepFaults faults() { return step.fault(); }

        @Override
        public Map<String, Long> callValues() { return st.lastValue; }

        @Override
        public void scenarioDifference(String field, String expected, String observedValue) {
            scenarioDiffs.add(new Difference(step.index(), step.describe(), field, "scenario", expected, observedValue,
                    List.of()));
        }

        @Override
        public void reset(ResetSpec spec) {
            resets.reset(board, spec, options.resetTimeout());
            if (spec.kind() == ResetKind.FIRMWARE) {
                bootedBuild = spec.buildId();
            }
        }

        @Override
        public void powerCutSave(List<String> names) { PowerCutSave.run(names, this, resets, options); }

        @Override
        public void markReset() { didReset = true; }
    }

    private static void putTwinView(Facts predicted, TwinSession twin, boolean ctx) {
        var view = twin.view();
        if (view.exts() != null) {
            StateFacts.putList(predicted, view.exts());
        }
        StateFacts.putHeap(predicted, view.heapUsed(), view.heapAllocs());
        if (ctx) {
            predicted.put("ctx.saved", view.ctxSaved() == null ? "none" : Facts.listText(view.ctxSaved()));
            if (view.slots() != null) {
                StateFacts.putSlots(predicted, view.active(), view.slots());
            }
        }
    }

    private StepRecord errorRecord(Step step, RuntimeException e, Instant started, long t0, int from,
                                   Facts observed, Facts predicted, boolean didReset) {
        List<String> excerpt = List.of();
        try {
            excerpt = board.session().transcript().excerpt(from, board.session().transcript().mark(), options.excerptLines());
        } catch (RuntimeException ignored) {
            // the transcript is best effort here: the error itself is what gets reported
        }
        return new StepRecord(step.index(), step.describe(), step.kind(), StepOutcome.ERROR, predicted, observed,
                List.of(), oneLine(e), safeEpoch(), didReset, started,
                (System.nanoTime() - t0) / 1_000_000, excerpt);
    }

    private StepRecord errorRecord(int index, String label, String kind, RuntimeException e, Instant started) {
        return new StepRecord(index, label, kind, StepOutcome.ERROR, new Facts(), new Facts(), List.of(), oneLine(e),
                safeEpoch(), false, started, 0, List.of());
    }

    private int safeEpoch() {
        try {
            return board.session().epoch();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** A fresh twin for this board and profile (sweeps share one across their points). */
    public TwinSession newTwin() {
        return twins.create(profile, boardInfo());
    }

    public String profile() { return profile; }

    /** Exposed for the sweeps, which reuse the runner's preparation and recovery. */
    public BoardClient board() { return board; }

    public Duration resetTimeout() { return options.resetTimeout(); }
}
