package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardFlash;
import io.llexthil.campaign.report.CaseJournal;
import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.report.Plural;
import io.llexthil.campaign.report.RunReports;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunListener;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.twin.TwinSessions;
import io.llexthil.shell.BoardProfile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common life of a campaign command: resolve the board (before anything touches the disk),
 * create a new run directory, connect, run, write every report, print the summary and the HTML
 * report's path, and map the result to an exit code. A configuration failure before the run
 * starts removes the run directory it created, so a bad invocation leaves nothing behind. A run
 * stopped by SIGINT or SIGTERM still reports every case that finished ({@link InterruptGuard}).
 */
final class CampaignSession {

    /** What a command runs once the board is connected. */
    interface Body {
        List<CaseResult> run(ScenarioRunner runner, Path runDir, Map<String, Object> measurements, RunListener progress);
    }

    private CampaignSession() { }

    /** {@code --flash} needs a flash step; a board that must be flashed before every run needs {@code --flash}. */
    static void checkFlash(BoardProfile profile, Path flash) {
        if (flash != null && profile.flash() == null) {
            throw new ConfigException("--flash " + flash + ": board '" + profile.name() + "' has no flash step; add"
                    + " flash: {command: [...]} or runner: to its profile or hardware-map entry (docs/boards.md)");
        }
        if (flash == null && profile.flash() != null && profile.flash().before()) {
            throw new ConfigException("board '" + profile.name() + "' has flash_before: true; give the build to flash"
                    + " with --flash BUILD_DIR");
        }
    }

    static int execute(String command, BoardOptions board, RunOutputOptions out, Path flash, Body body) {
        out.check();
        BoardBridge bridge = Cli.bridge();
        BoardProfile profile = board.profile(bridge);
        checkFlash(profile, flash);
        Path runDir = out.createRunDirectory(command);
        BoardClient client = BoardConnect.openOrDiscard(bridge, profile, runDir, AccessMode.READ_WRITE,
                BoardConnect.cannotConnect(profile),
                " (llext-hil boards lists the boards and whether they are reachable)");
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (client) {
            if (flash != null) {
                String build = BoardFlash.flash(client, profile.flash(), flash, profile.readyTimeout());
                Cli.err().println("flashed " + flash + ": the board now reports build " + build);
            }
            Path fw = out.firmwareBuild();
            ScenarioRunner runner = new ScenarioRunner(client, new TwinSessions(), out.profile, new ImageLibrary(fw),
                    new StandardResetDriver(bridge.firmwareSwitch(profile)), RunOptions.defaults(), null);
            ProgressBar progress = ProgressBar.forTerminal(Cli.err(), command);
            Map<String, Object> measurements = new LinkedHashMap<>();
            String info = runner.boardInfo().json();
            // the link as opened for the run (a QEMU board: QEMU's version), before any case reconnects
            RunResult.BoardLink link = client instanceof ReconnectingBoardClient rc ? rc.link() : null;
            Report report = cases -> new RunResult(command, profile.name(), info, out.profile, cases, copy(measurements),
                    runDir, started, (System.nanoTime() - t0) / 1_000_000, link);
            try (FinishedCases finished = new FinishedCases(progress, () -> CaseJournal.create(report.of(List.of())));
                 InterruptGuard guard = InterruptGuard.install(() -> {
                List<CaseResult> done = finished.stop();
                progress.finish();
                RunResult partial = report.of(done);
                partial.measurements().put("interrupted_after_cases", done.size());
                Cli.err().println("llext-hil: interrupted after " + Plural.of(done.size(), "case")
                        + "; the reports below cover only those");
                print(partial, RunReports.writeAll(partial, client.session().transcript()));
            })) {
                List<CaseResult> cases = body.run(runner, runDir, measurements, finished);
                if (!guard.claimReports()) {
                    return ExitCodes.INTERRUPTED; // the interruption reports; the JVM is stopping
                }
                progress.finish();
                RunResult run = report.of(cases);
                print(run, RunReports.writeAll(run, client.session().transcript()));
                warnIfIncomplete(finished);
                guard.reportsWritten();
                return run.allPassed() ? ExitCodes.OK : ExitCodes.DIVERGED;
            }
        }
    }

    /** The reports are complete, but a journal that stopped early must not pass unnoticed. */
    static void warnIfIncomplete(FinishedCases finished) {
        String problem = finished.journalProblem();
        if (problem != null) {
            Cli.err().println("llext-hil: warning: " + problem);
        }
    }

    /** A run's result from its cases so far. */
    private interface Report {
        RunResult of(List<CaseResult> cases);
    }

    private static void print(RunResult run, Path html) {
        Cli.out().print(ConsoleSummary.render(run));
        Cli.out().println("run directory: " + run.runDir());
        Cli.out().println("HTML report:   " + html);
        Cli.out().flush();
    }

    /** The measurements as they are now (the run's thread may still be adding some when interrupted). */
    private static Map<String, Object> copy(Map<String, Object> m) {
        for (int attempt = 0; ; attempt++) {
            try {
                return new LinkedHashMap<>(m);
            } catch (ConcurrentModificationException busy) {
                if (attempt == 10) {
                    return new LinkedHashMap<>();
                }
            }
        }
    }
}
