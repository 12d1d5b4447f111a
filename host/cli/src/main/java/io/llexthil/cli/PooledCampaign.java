package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.pool.BoardSlot;
import io.llexthil.campaign.pool.PoolCase;
import io.llexthil.campaign.pool.PoolOutcome;
import io.llexthil.campaign.pool.PoolScheduler;
import io.llexthil.campaign.pool.RunControl;
import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.report.RunDirectory;
import io.llexthil.campaign.report.RunReports;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.twin.TwinSessions;

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

/**
 * A campaign whose cases are independent, run on a pool of one or more boards
 * ({@link PoolScheduler}): create the run directory, open every board on its own thread, run, write
 * every report (also when the run stopped early: the cases that finished, the ones that did not, and
 * why), print the summary. One board behaves as {@link CampaignSession} always did: its files go
 * straight into the run directory and a board that cannot be opened is a configuration error. In a
 * pool each board has {@code boards/NAME/} for its files, and a board that cannot be opened is
 * dropped while the others run.
 */
final class PooledCampaign {
    private PooledCampaign() { }

    /**
     * A connected pool board: the client, the runner driving it, and its link as opened (a QEMU
     * board: QEMU's version), before any case reconnects it.
     */
    record Connected(BoardClient client, ScenarioRunner runner, PoolBoards.Member member, RunResult.BoardLink link) { }

    /** The board failed while preparing a case (outside the case's own steps): the pool drops it. */
    static final class BoardUnusableException extends RuntimeException {
        BoardUnusableException(String message) {
            super(message);
        }
    }

    /** How one case runs on a connected board; {@code runDir} is the whole run's directory. */
    interface CaseBody {
        CaseResult run(ScenarioRunner runner, Path runDir);
    }

    /** One independent case of a campaign: its name (unique in the run), group and body. */
    record CaseSpec(String name, String group, CaseBody body) { }

    /** A case for the pool. */
    static PoolCase<Connected> poolCase(CaseSpec spec, Path runDir, boolean pooled) {
        return new PoolCase<>() {
            public String name() { return spec.name(); }

            public String group() { return spec.group(); }

            public CaseResult run(Connected board) {
                CaseResult r = spec.body().run(board.runner(), runDir);
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

    static int execute(String command, List<PoolBoards.Member> members, RunOutputOptions out, RunControl control,
            Duration busyWait, Map<String, Object> runMeasurements, List<CaseSpec> specs) {
        out.check();
        BoardBridge bridge = Cli.bridge();
        Path runDir = out.out != null ? RunDirectory.createExactly(out.out) : RunDirectory.create(out.runsDir, command);
        boolean pooled = members.size() > 1;
        List<PoolCase<Connected>> cases = specs.stream().map(c -> poolCase(c, runDir, pooled)).toList();
        Path fw = out.firmwareBuild != null ? out.firmwareBuild : ImageLibrary.defaultFirmwareBuild();
        List<RuntimeException> openFailures = new ArrayList<>();
        Map<String, Connected> opened = new ConcurrentHashMap<>();
        List<BoardSlot<Connected>> slots = members.stream().map(m -> slot(m, bridge, runDir, pooled, fw, out.profile,
                busyWait, opened, openFailures)).toList();
        ProgressBar progress = ProgressBar.forTerminal(Cli.err(), command);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        PoolOutcome outcome = new PoolScheduler<>(slots, control, progress).run(cases);
        progress.finish();
        if (outcome.firstReady() == null) {
            BoardConnect.deleteTree(runDir);
            PoolBoards.Member m = members.get(0);
            String why = pooled ? "no board of the pool became ready: " + outcome.dropped()
                    : BoardConnect.cannotConnect(m.profile()) + ": " + Main.oneLine(openFailures.get(0));
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
        // the board info and link of the board that was ready first stand for the pool (the same profile, or alike)
        Connected first = opened.get(outcome.firstReady());
        RunResult run = new RunResult(command, pooled
                ? String.join(",", members.stream().map(PoolBoards.Member::name).toList()) : first.member().profile().name(),
                first.runner().boardInfo().json(), out.profile, outcome.results(), measurements, runDir, started,
                (System.nanoTime() - t0) / 1_000_000, first.link());
        Path html = pooled ? RunReports.writeReports(run) : RunReports.writeAll(run, first.client().session().transcript());
        Cli.out().print(ConsoleSummary.render(run));
        if (outcome.stopReason() != null) {
            Cli.out().println("stopped early: " + outcome.stopReason() + "; not run: " + String.join(", ", outcome.notRun()));
        }
        for (PoolOutcome.DroppedBoard d : outcome.dropped()) {
            Cli.out().println("board dropped: " + d);
        }
        Cli.out().println("run directory: " + runDir);
        Cli.out().println("HTML report:   " + html);
        return run.allPassed() && outcome.stopReason() == null ? ExitCodes.OK : ExitCodes.DIVERGED;
    }

    private static BoardSlot<Connected> slot(PoolBoards.Member m, BoardBridge bridge, Path runDir, boolean pooled,
            Path fw, String twinProfile, Duration busyWait, Map<String, Connected> opened,
            List<RuntimeException> openFailures) {
        return new BoardSlot<>() {
            public String name() { return m.name(); }

            public Connected open() {
                try {
                    Path dir = pooled ? Files.createDirectories(runDir.resolve("boards").resolve(m.name())) : runDir;
                    BoardClient client = BusyWait.open(() -> bridge.open(m.profile(), dir, AccessMode.READ_WRITE), busyWait,
                            m.name());
                    ScenarioRunner runner = new ScenarioRunner(client, new TwinSessions(), twinProfile, new ImageLibrary(fw),
                            new StandardResetDriver(bridge.hooks(m.profile(), client)), RunOptions.defaults(), null);
                    try {
                        runner.boardInfo();
                    } catch (RuntimeException e) {
                        client.close();
                        throw e;
                    }
                    Connected connected = new Connected(client, runner, m,
                            client instanceof ReconnectingBoardClient rc ? rc.link() : null);
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
