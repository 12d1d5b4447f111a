package io.llexthil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that stop: SIGINT and SIGTERM end with every report of the cases that finished, the summary
 * and 128 + the signal; SIGKILL (no hook runs) still leaves no board process behind.
 */
class SignalsIT {
    private static final Pattern INTERRUPTED = Pattern.compile("interrupted after (\\d+) cases?");
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void sigintDuringFuzzReportsWhatFinishedAndExits130() throws Exception {
        stopAndCheckReports("INT", 130);
    }

    @Test
    void sigtermDuringFuzzReportsWhatFinishedAndExits143() throws Exception {
        stopAndCheckReports("TERM", 143);
    }

    private void stopAndCheckReports(String signal, int expectedExit) throws Exception {
        Path dir = tmp.resolve("run-" + signal);
        try (CliProcess cli = CliProcess.start(tmp, "fuzz", "--seed", "7", "--count", "1000", "--out", dir.toString())) {
            cli.awaitStderr(Pattern.compile("^fuzz 2/1000: "), START);
            List<ProcessHandle> children = cli.descendants();
            cli.signal(signal);
            int rc = cli.exitCode(Duration.ofSeconds(60));
            String err = cli.stderr();
            assertThat(rc).as(err).isEqualTo(expectedExit);
            Matcher m = INTERRUPTED.matcher(err);
            assertThat(m.find()).as(err).isTrue();
            int finished = Integer.parseInt(m.group(1));
            assertThat(finished).isGreaterThanOrEqualTo(2).isLessThan(1000);
            assertThat(cli.stdout()).contains("case").contains("run directory: " + dir)
                    .contains("HTML report:   " + dir.resolve("report.html"));
            Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("junit.xml").toFile()).getDocumentElement();
            assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(finished));
            assertThat(dir.resolve("report.json")).content().contains("\"interrupted_after_cases\" : " + finished);
            assertThat(dir.resolve("report.html")).content().contains("interrupted_after_cases");
            assertThat(dir.resolve("summary.txt")).exists();
            assertAllGone(children);
        }
    }

    /** An interrupted sweep reports the summary of the points that finished, as one stopped by --timeout does. */
    @Test
    void sigtermDuringAQemuSweepReportsTheSummaryOfThePointsThatFinished() throws Exception {
        Path dir = tmp.resolve("sweep");
        try (CliProcess cli = CliProcess.start(tmp, "sweep", "powercut", "--board", "qemu-mps2-an385-core",
                "--out", dir.toString())) {
            cli.awaitStderr(Pattern.compile("^sweep-powercut 3 done: "), START);
            cli.signal("TERM");
            assertThat(cli.exitCode(Duration.ofSeconds(60))).as(cli.stderr()).isEqualTo(143);
            Matcher m = INTERRUPTED.matcher(cli.stderr());
            assertThat(m.find()).as(cli.stderr()).isTrue();
            int finished = Integer.parseInt(m.group(1));
            assertThat(finished).as("stopped well before the sweep's end (about 50 points)").isBetween(3, 40);
            String report = java.nio.file.Files.readString(dir.resolve("report.json"));
            assertThat(report).contains("\"interrupted_after_cases\" : " + finished)
                    .contains("\"powercut_points\" : " + finished).contains("\"powercut_save_flash_ops\"");
            assertThat(cli.stdout()).contains("powercut_points: " + finished);
        }
    }

    @Test
    void sigkillLeavesNoSimulatedBoardRunning() throws Exception {
        killAndCheckChildren("^fuzz 1/1000: ", "llext-hil-sim",
                "fuzz", "--seed", "7", "--count", "1000", "--out", tmp.resolve("killed").toString());
    }

    /**
     * SIGKILL runs no hook, so no report is written; the case journal written as cases finish is
     * there, and {@code report rebuild} turns it into the reports of the cases that finished.
     */
    @Test
    void afterSigkillTheCaseJournalRebuildsTheReports() throws Exception {
        Path dir = tmp.resolve("journal");
        killAndCheckChildren("^fuzz 3/1000: ", "llext-hil-sim",
                "fuzz", "--seed", "7", "--count", "1000", "--out", dir.toString());
        assertThat(dir.resolve("report.json")).doesNotExist();
        List<String> journal = java.nio.file.Files.readAllLines(dir.resolve("cases.jsonl"));
        assertThat(journal.size()).as("first line + one per finished case").isGreaterThanOrEqualTo(4);
        try (CliProcess rebuild = CliProcess.start(tmp, "report", "rebuild", dir.toString())) {
            assertThat(rebuild.exitCode(START)).as(rebuild.stderr()).isZero();
            Matcher m = Pattern.compile("rebuilt from cases.jsonl: (\\d+) finished cases").matcher(rebuild.stdout());
            assertThat(m.find()).as(rebuild.stdout()).isTrue();
            int finished = Integer.parseInt(m.group(1));
            assertThat(finished).isGreaterThanOrEqualTo(3).isLessThan(1000);
            Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("junit.xml").toFile()).getDocumentElement();
            assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(finished));
            assertThat(suites.getAttribute("failures")).isEqualTo("0");
            assertThat(dir.resolve("report.html")).content().contains("fuzz seed 7");
            assertThat(dir.resolve("summary.txt")).content().contains(finished + " cases: " + finished + " passed");
        }
    }

    @Test
    void sigkillDuringAQemuSweepLeavesNoQemuRunning() throws Exception {
        killAndCheckChildren("^sweep-powercut 1 done: ", "qemu-system-arm",
                "sweep", "powercut", "--board", "qemu-mps2-an385-core", "--out", tmp.resolve("qemu").toString());
    }

    /**
     * Starts the command with its run directory {@code tmp/<name>}, waits for {@code ready} on
     * stderr and for a child running {@code child}, SIGKILLs the tool, and checks that no process
     * is left that works in that run directory (the board processes name it in their arguments:
     * the sim's flash file, QEMU's RAM file), besides the children seen.
     */
    private void killAndCheckChildren(String ready, String child, String... args) throws Exception {
        try (CliProcess cli = CliProcess.start(tmp, args)) {
            cli.awaitStderr(Pattern.compile(ready), START);
            List<ProcessHandle> children = awaitChild(cli, child);
            cli.signal("KILL");
            assertThat(cli.exitCode(Duration.ofSeconds(30))).isEqualTo(137);
            assertAllGone(children);
            String runDir = args[args.length - 1];
            assertAllGone(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(runDir)).toList());
        }
    }

    /** The tool's children once one of them runs {@code child} (a board restarts on every reset: it may be between runs). */
    private static List<ProcessHandle> awaitChild(CliProcess cli, String child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<ProcessHandle> children = cli.descendants();
            if (children.stream().anyMatch(p -> p.info().commandLine().orElse("").contains(child))) {
                return children;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no child process running " + child + " within 20 s; children: "
                        + children.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
            }
            Thread.sleep(20);
        }
    }

    /** Every process in {@code children} ends within a few seconds (the kernel's doing, or the hook's). */
    private static void assertAllGone(List<ProcessHandle> children) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && children.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        assertThat(children.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("board processes still running after the tool ended").isEmpty();
    }
}
