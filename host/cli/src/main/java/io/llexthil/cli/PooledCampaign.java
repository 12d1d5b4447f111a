package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardFlash;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.pool.BoardSlot;
import io.llexthil.campaign.pool.PoolCase;
import io.llexthil.campaign.pool.PoolOutcome;
import io.llexthil.campaign.pool.PoolScheduler;
import io.llexthil.campaign.pool.RunControl;
import io.llexthil.campaign.report.CaseJournal;
import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.report.Plural;
import io.llexthil.campaign.report.RunDirectory;
import io.llexthil.campaign.report.RunReports;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.twin.TwinSessions;
import io.llexthil.shell.BoardProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A campaign whose cases are independent, run on a pool of one or more boards
 * ({@link PoolScheduler}): create the run directory, open every board on its own thread, run, write
 * every report (also when the run stopped early: the cases that finished, the ones that did not, and
 * why), print the summary. One board behaves as a single-board run always did: its files go
 * straight into the run directory and a board that cannot be opened is a configuration error. In a
 * pool each board has {@code boards/NAME/} for its files, and a board that cannot be opened is
 * dropped while the others run.
 */
final class PooledCampaign {
    private PooledCampaign() { }

    /**
     * A connected pool board: the client, the runner driving it, its link as opened (a QEMU
     * board: QEMU's version), before any case reconnects it, and the directory of its files.
     */
    record Connected(BoardClient client, ScenarioRunner runner, PoolBoards.Member member, RunResult.BoardLink link,
                     Path dir) { }

    /** The board failed while preparing a case (outside the case's own steps): the pool drops it. */
    static final class BoardUnusableException extends RuntimeException {
        BoardUnusableException(String message) {
            super(message);
        }
    }

    /** How one case runs on a connected board; {@code runDir} is the whole run's directory. */
    interface CaseBody {
        CaseResult run(Connected board, Path runDir);
    }

    /**
     * One independent case of a campaign: its name (unique in the run), group and body; in a sweep,
     * whether its verdict makes it the sweep's last point.
     */
    record CaseSpec(String name, String group, CaseBody body, Predicate<CaseResult> last) {
        CaseSpec(String name, String group, CaseBody body) {
            this(name, group, body, r -> false);
        }
    }

    /**
     * How a sweep turns its points (in order, up to the last) into the reported cases and adds its
     * measurements; a run of independent cases reports them as they are.
     */
    interface Finish {
        Finish NONE = (cases, measurements, stopped) -> cases;

        /** {@code stopped}: the run stopped early, so a sequence may not have reached its end. */
        List<CaseResult> apply(List<CaseResult> cases, Map<String, Object> measurements, boolean stopped);
    }

    /**
     * A case for the pool. On a single board, a reset that cannot work at all
     * ({@link ResetUnavailableException}) is kept in {@code fatal}: the run stops with that one
     * line instead of reporting every case as not run; in a pool it only drops that board (as a
     * failed {@code --flash} does).
     */
    static PoolCase<Connected> poolCase(CaseSpec spec, Path runDir, boolean pooled,
            AtomicReference<RuntimeException> fatal) {
        return new PoolCase<>() {
            public String name() { return spec.name(); }

            public String group() { return spec.group(); }

            public boolean isLast(CaseResult verdict) { return spec.last().test(verdict); }

            public CaseResult run(Connected board) {
                CaseResult r;
                try {
                    r = spec.body().run(board, runDir);
                } catch (ResetUnavailableException e) {
                    if (!pooled) {
                        fatal.compareAndSet(null, e);
                    }
                    throw e;
                }
                // a failed preparation (erase, reset) happened before the case began: in a pool that is the
                // board failing, and the case runs on another board instead
                if (pooled && !r.steps().isEmpty() && "prepare".equals(r.steps().get(0).kind())
                        && r.steps().get(0).outcome() == io.llexthil.campaign.run.StepOutcome.ERROR) {
                    throw new BoardUnusableException("preparing the board failed: " + r.message());
                }
                return r;
            }
        };
    }

    static int execute(String command, List<PoolBoards.Member> members, RunOutputOptions out, Path flash,
            RunControl control, Duration busyWait, Map<String, Object> runMeasurements, List<CaseSpec> specs) {
        return run(command, members, out, flash, control, busyWait, runMeasurements, List.of(specs), false, Finish.NONE);
    }

    /**
     * A sweep: each of {@code sequences} lists possible points in order and ends at the first whose
     * verdict says so ({@link PoolScheduler#runSequences}); {@code finish} builds the reported cases.
     */
    static int executeSequences(String command, List<PoolBoards.Member> members, RunOutputOptions out, Path flash,
            RunControl control, Duration busyWait, Map<String, Object> runMeasurements, List<List<CaseSpec>> sequences,
            Finish finish) {
        return run(command, members, out, flash, control, busyWait, runMeasurements, sequences, true, finish);
    }

    private static int run(String command, List<PoolBoards.Member> members, RunOutputOptions out, Path flash,
            RunControl control, Duration busyWait, Map<String, Object> runMeasurements, List<List<CaseSpec>> specs,
            boolean sequence, Finish finish) {
        out.check();
        members.forEach(m -> checkFlash(m.profile(), flash));
        BoardBridge bridge = Cli.bridge();
        Path runDir = out.createRunDirectory(command);
        boolean pooled = members.size() > 1;
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<List<PoolCase<Connected>>> cases = specs.stream()
                .map(l -> l.stream().map(c -> poolCase(c, runDir, pooled, fatal)).toList()).toList();
        List<RuntimeException> openFailures = new ArrayList<>();
        Map<String, Connected> opened = new ConcurrentHashMap<>();
        List<BoardSlot<Connected>> slots = members.stream().map(m -> slot(m, bridge, runDir, pooled, out.firmwareBuild(),
                out.profile, flash, busyWait, opened, openFailures, fatal)).toList();
        ProgressBar progress = ProgressBar.forTerminal(Cli.err(), command);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String boards = pooled ? String.join(",", members.stream().map(PoolBoards.Member::name).toList())
                : members.get(0).profile().name();
        // the board info and link of the board that was ready first stand for the pool (one profile, or alike)
        Report report = (first, done, meas) -> new RunResult(command, boards, first.runner().boardInfo().json(), out.profile,
                done, meas, runDir, started, (System.nanoTime() - t0) / 1_000_000, first.link());
        // an open board's info stands for the pool in the journal's first line (null: none is open yet)
        Supplier<CaseJournal> journal = () -> opened.values().stream().findFirst()
                .map(first -> CaseJournal.create(report.of(first, List.of(), runMeasurements))).orElse(null);
        PoolOutcome outcome;
        try (FinishedCases finished = new FinishedCases(progress, journal);
             InterruptGuard guard = InterruptGuard.install(() -> {
            List<CaseResult> done = finished.stop();
            progress.finish();
            Connected any = opened.values().stream().findFirst().orElse(null);
            if (any == null) {
                return; // no board was ready yet: nothing ran, nothing to report
            }
            Map<String, Object> meas = new LinkedHashMap<>(runMeasurements);
            meas.put("interrupted_after_cases", done.size());
            List<CaseResult> reported = done;
            try {
                // a sweep's summary of the points that finished, as after --timeout (stopped early)
                reported = finish.apply(done, meas, true);
            } catch (RuntimeException e) {
                meas.put("summary_unavailable", Main.oneLine(e));
            }
            Cli.err().println("llext-hil: interrupted after " + Plural.of(done.size(), "case")
                    + "; the reports below cover only those");
            write(report.of(any, reported, meas), pooled, any, null);
        })) {
            PoolScheduler<Connected> scheduler = new PoolScheduler<>(slots, control, finished);
            outcome = sequence ? scheduler.runSequences(cases) : scheduler.run(cases.get(0));
            if (!guard.claimReports()) {
                return ExitCodes.INTERRUPTED; // the interruption reports; the JVM is stopping
            }
            progress.finish();
            if (fatal.get() != null) {
                guard.reportsWritten();
                throw fatal.get(); // nothing can run on this board: one line, not one "not run" per case
            }
            if (outcome.firstReady() == null) {
                guard.reportsWritten();
                RunDirectory.discard(runDir);
                PoolBoards.Member m = members.get(0);
                String why = pooled ? "no board of the pool became ready: " + outcome.dropped()
                        : BoardConnect.cannotConnect(m.profile()) + ": "
                                + BoardConnect.withoutRepeats(Main.oneLine(openFailures.get(0)), m.profile());
                throw new ConfigException(why + " (llext-hil boards lists the boards and whether they are reachable)",
                        openFailures.isEmpty() ? null : openFailures.get(0));
            }
            Map<String, Object> measurements = new LinkedHashMap<>(runMeasurements);
            if (pooled) {
                measurements.put("boards", members.stream().map(PoolBoards.Member::name).toList());
            }
            if (!outcome.dropped().isEmpty()) {
                measurements.put("dropped_boards", outcome.dropped().stream().map(Object::toString).toList());
            }
            if (outcome.stopReason() != null) {
                measurements.put("stopped", outcome.stopReason());
                measurements.put("not_run", outcome.notRun());
            }
            if (!outcome.discarded().isEmpty()) {
                measurements.put("ran_past_the_end", outcome.discarded());
            }
            Connected first = opened.get(outcome.firstReady());
            RunResult run = report.of(first, finish.apply(outcome.results(), measurements, outcome.stopReason() != null), measurements);
            write(run, pooled, first, outcome);
            warnIfIncomplete(finished);
            guard.reportsWritten();
            return run.allPassed() && outcome.stopReason() == null ? ExitCodes.OK : ExitCodes.DIVERGED;
        }
    }

    /** {@code --flash} needs a flash step; a board that must be flashed before every run needs {@code --flash}. */
    private static void checkFlash(BoardProfile profile, Path flash) {
        if (flash != null && profile.flash() == null) {
            throw new ConfigException("--flash " + flash + ": board '" + profile.name() + "' has no flash step; add"
                    + " flash: {command: [...]} or runner: to its profile or hardware-map entry (docs/boards.md)");
        }
        if (flash == null && profile.flash() != null && profile.flash().before()) {
            throw new ConfigException("board '" + profile.name() + "' has flash_before: true; give the build to flash"
                    + " with --flash BUILD_DIR");
        }
    }

    /** The reports are complete, but a journal that stopped early must not pass unnoticed. */
    private static void warnIfIncomplete(FinishedCases finished) {
        String problem = finished.journalProblem();
        if (problem != null) {
            Cli.err().println("llext-hil: warning: " + problem);
        }
    }

    /** A run's result from the cases finished so far. */
    private interface Report {
        RunResult of(Connected first, List<CaseResult> cases, Map<String, Object> measurements);
    }

    /** Writes the reports (a pool's boards keep their own transcripts) and prints the summary. */
    private static void write(RunResult run, boolean pooled, Connected first, PoolOutcome outcome) {
        Path html = pooled ? RunReports.writeReports(run) : RunReports.writeAll(run, first.client().session().transcript());
        Cli.out().print(ConsoleSummary.render(run));
        if (outcome != null && outcome.stopReason() != null) {
            Cli.out().println("stopped early: " + outcome.stopReason()
                    + (outcome.notRun().isEmpty() ? "" : "; not run: " + String.join(", ", outcome.notRun())));
        }
        if (outcome != null) {
            for (PoolOutcome.DroppedBoard d : outcome.dropped()) {
                Cli.out().println("board dropped: " + d);
            }
        }
        Cli.out().println("run directory: " + run.runDir());
        Cli.out().println("HTML report:   " + html);
        Cli.out().flush();
    }

    private static BoardSlot<Connected> slot(PoolBoards.Member m, BoardBridge bridge, Path runDir, boolean pooled,
            Path fw, String twinProfile, Path flash, Duration busyWait, Map<String, Connected> opened,
            List<RuntimeException> openFailures, AtomicReference<RuntimeException> fatal) {
        return new BoardSlot<>() {
            public String name() { return m.name(); }

            public Connected open() {
                try {
                    Path dir = pooled ? Files.createDirectories(runDir.resolve("boards").resolve(m.name())) : runDir;
                    BoardClient client = BusyWait.open(() -> bridge.open(m.profile(), dir, AccessMode.READ_WRITE), busyWait,
                            m.name());
                    if (flash != null) {
                        try {
                            String build = BoardFlash.flash(client, m.profile().flash(), flash, m.profile().readyTimeout());
                            Cli.err().println((pooled ? m.name() + ": " : "") + "flashed " + flash
                                    + ": the board now reports build " + build);
                        } catch (RuntimeException e) {
                            client.close();
                            if (!pooled) {
                                fatal.compareAndSet(null, e); // the flash failed, not the connection: not a config error
                            }
                            throw e;
                        }
                    }
                    ScenarioRunner runner = new ScenarioRunner(client, new TwinSessions(), twinProfile, new ImageLibrary(fw),
                            new StandardResetDriver(bridge.firmwareSwitch(m.profile())), RunOptions.defaults(), null);
                    try {
                        runner.boardInfo();
                    } catch (RuntimeException e) {
                        client.close();
                        throw e;
                    }
                    Connected connected = new Connected(client, runner, m,
                            client instanceof ReconnectingBoardClient rc ? rc.link() : null, dir);
                    opened.put(m.name(), connected);
                    return connected;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    synchronized (openFailures) {
                        openFailures.add(e);
                    }
                    throw e;
                }
            }

            public void check(Connected board) {
                // a board that died since its last case fails the next case's preparation (erase, reset)
            }

            public void close(Connected board) {
                board.client().close();
            }
        };
    }
}
