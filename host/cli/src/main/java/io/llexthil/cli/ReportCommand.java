package io.llexthil.cli;

import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.report.JsonReportReader;
import io.llexthil.campaign.report.Plural;
import io.llexthil.campaign.report.RunDirectory;
import io.llexthil.campaign.report.RunMerge;
import io.llexthil.campaign.report.RunReports;
import io.llexthil.campaign.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Work with the reports of runs: merge shards, rebuild a killed run's reports.",
        subcommands = {ReportCommand.Merge.class, ReportCommand.Rebuild.class})
final class ReportCommand extends CommandGroup {
    ReportCommand() {
        super("choose: merge, rebuild");
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merge run directories (the shards of a CI matrix, --shard K/N) into one run directory",
                    "with one junit.xml, report.json, report.html and summary.txt; cases keep their order in the whole run."})
    static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", arity = "1..*",
                description = "Run directories, each with its report.json (or only its cases.jsonl: a killed run).")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "Write the merged reports exactly here (must not exist).")
        Path out;

        @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
                description = "Parent of the merged run directory <timestamp>-merge/. Default: ${DEFAULT-VALUE}.")
        Path runsDir;

        @Override
        public Integer call() {
            // every input is read before the output directory exists: a bad input leaves nothing behind
            List<RunResult> runs = new ArrayList<>();
            for (Path d : dirs) {
                try {
                    runs.add(JsonReportReader.read(d));
                } catch (JsonReportReader.UnreadableReportException e) {
                    throw new ConfigException("report merge: " + e.getMessage(), e);
                }
            }
            RunResult merged;
            try {
                merged = RunMerge.merge(runs, Path.of("."));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            Path dir = out != null ? RunDirectory.createExactly(out) : RunDirectory.create(runsDir, "merge");
            merged = new RunResult(merged.command(), merged.board(), merged.boardInfo(), merged.profile(), merged.cases(),
                    merged.measurements(), dir, merged.started(), merged.millis(), merged.link());
            Path html = RunReports.writeReports(merged);
            Cli.out().print(ConsoleSummary.render(merged));
            Cli.out().println("run directory: " + dir);
            Cli.out().println("HTML report:   " + html);
            return merged.allPassed() ? ExitCodes.OK : ExitCodes.DIVERGED;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Write the reports of a killed run (SIGKILL, a CI timeout) from its case journal.",
                    "Reads the cases.jsonl every run writes as its cases finish and writes summary.txt, junit.xml, "
                            + "report.json and report.html into RUN_DIR for the cases that finished. "
                            + "Exit 0 when every case in it passed, 1 otherwise."})
    static final class Rebuild implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", description = "The run directory, with its cases.jsonl and no report.json.")
        Path dir;

        @Override
        public Integer call() {
            if (Files.exists(dir.resolve(RunDirectory.JSON))) {
                throw new ConfigException("report rebuild: " + dir + " already has its reports (" + RunDirectory.JSON
                        + "); to write a copy elsewhere: llext-hil report merge --out NEW_DIR " + dir);
            }
            if (!Files.isRegularFile(dir.resolve(RunDirectory.JOURNAL))) {
                throw new ConfigException("report rebuild: " + dir + " has no " + RunDirectory.JOURNAL
                        + " (give the run directory a campaign command printed)");
            }
            JsonReportReader.Journal journal;
            try {
                journal = JsonReportReader.readJournal(dir);
            } catch (JsonReportReader.UnreadableReportException e) {
                throw new ConfigException("report rebuild: " + e.getMessage(), e);
            }
            RunResult run = journal.run();
            Path html = RunReports.writeReports(run);
            Cli.out().print(ConsoleSummary.render(run));
            Cli.out().println("rebuilt from " + RunDirectory.JOURNAL + ": " + Plural.of(run.cases().size(), "finished case")
                    + (journal.tornLastLine() ? " (the line being written when the run was killed is left out)" : ""));
            Cli.out().println("run directory: " + dir);
            Cli.out().println("HTML report:   " + html);
            return run.allPassed() ? ExitCodes.OK : ExitCodes.DIVERGED;
        }
    }
}
