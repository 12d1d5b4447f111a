package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.board.CtxInfo;
import io.llexthil.board.HilReply;
import io.llexthil.board.RetryLog;
import io.llexthil.board.UploadResult;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.Scenario;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepKind;
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

    public List<CaseResult> runAll(List<Scenario> scenarios) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            listener.caseStarted(scenarios.get(i).name(), i, scenarios.size());
            CaseResult r = run(scenarios.get(i));
            listener.caseDone(r);
            out.add(r);
        }
        return out;
    }

    public CaseResult run(Scenario scenario) {
        return run(scenario, "scenario", Map.of());
    }

    /** Runs one scenario as a test case of {@code group}, with extra measurements recorded on it. */
    public CaseResult run(Scenario scenario, String group, Map<String, Object> measurements) {
        return run(scenario, group, measurements, null);
    }

    /**
     * Runs one scenario with a twin that continues from an earlier case (a sweep's points share the
     * context saved by its setup), or a fresh one when {@code sharedTwin} is null.
     */
    public CaseResult run(Scenario scenario, String group, Map<String, Object> measurements, TwinSession sharedTwin) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<StepRecord> records = new ArrayList<>();
        Map<String, Object> meas = new LinkedHashMap<>(measurements);
        TwinSession twin;
        try {
            twin = prepare(scenario, sharedTwin);
        } catch (RuntimeException e) {
            needsRecovery = true;
            records.add(errorRecord(-1, "prepare (erase, reset)", "prepare", e, started));
            return finish(scenario, group, records, meas, started, t0);
        }
        ScenarioState state = new ScenarioState(scenario, twin);
        boolean stop = false;
        for (Step step : scenario.steps()) {
            if (stop) {
                records.add(new StepRecord(step.index(), step.describe(), step.kind().key(), StepOutcome.SKIPPED,
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

    private CaseResult finish(Scenario s, String group, List<StepRecord> records, Map<String, Object> meas,
                              Instant started, long t0) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new CaseResult(s.name(), group, s.description(), s.source(), CaseResult.statusOf(records), records,
                meas, CaseResult.messageOf(records), started, millis);
    }

    /** A fresh scenario starts from a ready board in its own build, an erased context store and a fresh twin. */
    private TwinSession prepare(Scenario scenario, TwinSession sharedTwin) {
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
            board.faultClear();
            board.ctxErase();
            resets.reset(board, ResetSpec.shell(), options.resetTimeout());
        }
        return twin;
    }

    /** Per-scenario bookkeeping: the twin and the last value of each call. */
    private static final class ScenarioState {
        final Scenario scenario;
        final TwinSession twin;
        final Map<String, Long> lastValue = new HashMap<>();

        ScenarioState(Scenario scenario, TwinSession twin) {
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
        Facts observed = new Facts();
        Facts predicted = new Facts();
        List<Difference> scenarioDiffs = new ArrayList<>();
        boolean crashed = false;
        boolean didReset = false;
        String error = null;
        TwinResult prediction = TwinResult.none();
        try {
            if (step.fault().alloc() > 0) {
                board.faultAlloc(step.fault().alloc());
                st.twin.armAllocFault(step.fault().alloc());
            }
            if (step.fault().flash() > 0) {
                board.faultFlash(step.fault().flash());
            }
            switch (step.kind()) {
                case UPLOAD -> {
                    for (String image : step.exts()) {
                        byte[] bytes = images.read(st.scenario, image, boardInfo().arch());
                        UploadResult u = board.upload(image, bytes, io.llexthil.board.UploadProgress.NONE);
                        if (u.reply().rc() != 0 || !observed.has("rc")) {
                            observed.put("rc", u.reply().rc());
                        }
                        TwinResult t = st.twin.upload(image);
                        if (prediction.rc() == null || t.rc() != 0) {
                            prediction = t;
                        }
                    }
                }
                case LOAD -> {
                    prediction = st.twin.load(step.ext(), images.read(st.scenario, step.ext(), boardInfo().arch()));
                    putReply(observed, board.load(step.ext()), "use_count");
                }
                case UNLOAD -> {
                    prediction = st.twin.unload(step.ext());
                    putReply(observed, board.unload(step.ext()), "use_count");
                }
                case CALL -> {
                    prediction = st.twin.call(step.ext(), step.symbol());
                    HilReply r = board.call(step.ext(), step.symbol());
                    observed.put("rc", r.rc());
                    if (r.rc() == 0) {
                        long value = r.payload().path("value").asLong();
                        observed.put("call.value", value);
                        ScenarioChecks.call(step, st.lastValue, value, scenarioDiffs);
                    }
                }
                case STATE -> prediction = TwinResult.none();
                case SAVE -> {
                    boolean powerCut = step.fault().flash() > 0;
                    if (powerCut) {
                        didReset = true;
                        powerCutSave(step.exts(), st, observed, scenarioDiffs, step);
                        prediction = TwinResult.none();
                    } else {
                        prediction = st.twin.save(step.exts());
                        HilReply r = board.ctxSave(step.exts());
                        observed.put("rc", r.rc());
                        if (r.ok()) {
                            observed.put("saved", names(r.payload().path("exts")));
                        }
                    }
                }
                case RESTORE -> {
                    prediction = st.twin.restore(step.order());
                    HilReply r = board.ctxRestore(step.order());
                    observed.put("rc", r.rc());
                    if (r.ok()) {
                        observed.put("restored", names(r.payload().path("exts")));
                    }
                }
                case ERASE -> {
                    prediction = st.twin.erase();
                    observed.put("rc", board.ctxErase().rc());
                }
                case RESET -> {
                    didReset = true;
                    if (step.reset().kind() == ResetKind.POWERCUT) {
                        board.faultFlash(step.reset().flashOp());
                        powerCutSave(List.of(), st, observed, scenarioDiffs, step);
                    } else {
                        resets.reset(board, step.reset(), options.resetTimeout());
                        String build = null;
                        if (step.reset().kind() == ResetKind.FIRMWARE) {
                            bootedBuild = step.reset().buildId();
                            build = bootedBuild;
                        }
                        st.twin.reset(build);
                    }
                }
                case SLEEP -> sleep(step.sleepMs());
                default -> throw new IllegalStateException(step.kind().toString());
            }
        } catch (BoardCrashedException e) {
            crashed = true;
            error = e.getMessage();
        } catch (ShellException | ResetDriver.UnsupportedResetException | ImageLibrary.ImageNotFoundException
                 | io.llexthil.board.ReadOnlyViolationException e) {
            return errorRecord(step, e, started, t0, from, observed, predicted);
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
                    board.faultClear();
                    st.twin.clearFaults();
                }
                BoardFacts.putState(observed, board.state());
                boolean touchesContext = step.kind() == StepKind.SAVE || step.kind() == StepKind.RESTORE
                        || step.kind() == StepKind.ERASE || step.kind() == StepKind.RESET;
                if (touchesContext) {
                    BoardFacts.putCtx(observed, board.ctxInfo());
                }
                putTwinView(predicted, st.twin, touchesContext);
            } catch (BoardCrashedException e) {
                crashed = true;
                error = e.getMessage();
                observed.put("crash", true);
            } catch (ShellException e) {
                return errorRecord(step, e, started, t0, from, observed, predicted);
            }
        }
        ScenarioChecks.step(step, observed, scenarioDiffs);
        List<String> excerpt = board.session().transcript().excerpt(from, board.session().transcript().mark(),
                options.excerptLines());
        List<Difference> diffs = new ArrayList<>(Differ.diff(step.index(), step.describe(), predicted, observed, excerpt));
        for (Difference d : scenarioDiffs) {
            diffs.add(new Difference(d.step(), d.stepLabel(), d.field(), d.source(), d.expected(), d.observed(), excerpt));
        }
        StepOutcome outcome = !diffs.isEmpty() ? StepOutcome.DIVERGE
                : crashed ? StepOutcome.CRASH_AGREED : StepOutcome.AGREE;
        if (crashed) {
            LOG.info("{}: step {} crashed: {}", board.boardName(), step.index(), error);
        }
        return new StepRecord(step.index(), step.describe(), step.kind().key(), outcome, predicted, observed, diffs,
                crashed ? error : null, board.session().epoch(), didReset, started,
                (System.nanoTime() - t0) / 1_000_000, excerpt);
    }

    /**
     * Power is cut at the armed flash operation of a save. The board must come back with either the
     * context that was active before (the cut came before the commit) or the new one, never a torn one.
     */
    private void powerCutSave(List<String> names, ScenarioState st, Facts observed, List<Difference> diffs, Step step) {
        CtxInfo before = board.ctxInfo();
        List<String> loaded = board.state().exts().stream().map(io.llexthil.board.BoardState.Ext::name).toList();
        List<String> saving = names.isEmpty() ? loaded : names;
        boolean completed;
        int epochBefore = board.session().epoch();
        try {
            HilReply r = board.ctxSave(names);
            completed = true;
            observed.put("save_rc", r.rc());
        } catch (ShellException cut) {
            // expected: the board lost power mid-save (disconnect, timeout or a new boot)
            completed = false;
        }
        observed.put("power_cut", !completed);
        if (completed) {
            // the cut point lies beyond this save's flash operations: reset as the cut would have
            resets.reset(board, ResetSpec.shell(), options.resetTimeout());
        } else {
            try {
                // a board that reboots by itself after a power cut (the simulated board does)
                io.llexthil.board.HilBoardClient.awaitNextBoot(board.session(), epochBefore, options.stepTimeout());
            } catch (ShellException stillDown) {
                resets.recover(board, options.resetTimeout());
            }
        }
        CtxInfo after = board.ctxInfo();
        PowerCutJudge.Verdict v = PowerCutJudge.judge(before, after, saving);
        observed.put("ctx.outcome", v.outcome());
        if (!v.legal()) {
            diffs.add(new Difference(step.index(), step.describe(), "ctx.outcome", "scenario",
                    "previous or new context", v.outcome() + ": " + v.detail(), List.of()));
        }
        st.twin.powerCutDuringSave(saving, v.committed());
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

    private static void putReply(Facts observed, HilReply r, String field) {
        observed.put("rc", r.rc());
        if (r.ok() && r.payload().has(field)) {
            observed.put(field, r.payload().get(field).asLong());
        }
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private StepRecord errorRecord(Step step, RuntimeException e, Instant started, long t0, int from,
                                   Facts observed, Facts predicted) {
        List<String> excerpt = List.of();
        try {
            excerpt = board.session().transcript().excerpt(from, board.session().transcript().mark(), options.excerptLines());
        } catch (RuntimeException ignored) {
            // the transcript is best effort here: the error itself is what gets reported
        }
        return new StepRecord(step.index(), step.describe(), step.kind().key(), StepOutcome.ERROR, predicted, observed,
                List.of(), oneLine(e), safeEpoch(), step.kind() == StepKind.RESET, started,
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
