package io.llexthil.campaign;

import io.llexthil.campaign.fake.FakeBoardClient;
import io.llexthil.campaign.fake.FakeTwin;
import io.llexthil.campaign.report.CaseJournal;
import io.llexthil.campaign.report.ConsoleSummary;
import io.llexthil.campaign.report.HtmlReportWriter;
import io.llexthil.campaign.report.JsonReportReader;
import io.llexthil.campaign.report.JsonReportWriter;
import io.llexthil.campaign.report.JunitXmlWriter;
import io.llexthil.campaign.report.RunDirectory;
import io.llexthil.campaign.report.RunReports;
import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real run on the fake board (one passing, one diverging, one crashing case) through every writer. */
class ReportWritersTest {
    @TempDir
    Path tmp;
    RunResult run;
    FakeBoardClient board;

    @BeforeEach
    void runThreeCases() throws Exception {
        Path ext = tmp.resolve("fw/model/ext/host");
        Files.createDirectories(ext);
        for (String n : List.of("producer", "consumer")) {
            Files.write(ext.resolve(n + ".o"), new byte[] {1});
        }
        board = new FakeBoardClient();
        FakeTwin[] twin = {null};
        ScenarioRunner runner = new ScenarioRunner(board, (p, i) -> twin[0] = new FakeTwin(), "upstream",
                new ImageLibrary(tmp.resolve("fw")), new StandardResetDriver(), RunOptions.defaults(), null);
        String yaml = """
                name: %s
                description: "a <case> & its \\"quotes\\""
                steps:
                  - upload: [producer, consumer]
                  - load: producer
                  - load: consumer
                  - save: all
                  - reset: shell
                  - restore: {}
                  - unload: consumer
                """;
        List<CaseResult> cases = new ArrayList<>();
        cases.add(runner.run(ScenarioLoader.parse(yaml.formatted("agrees"), "a.yaml", null)));
        board.leakOnRestore = 8;
        cases.add(runner.run(ScenarioLoader.parse(yaml.formatted("leaks"), "b.yaml", null)));
        board.leakOnRestore = 0;
        board.crashOn = "unload";
        cases.add(runner.run(ScenarioLoader.parse(yaml.formatted("crashes"), "c.yaml", null)));
        Map<String, Object> meas = new LinkedHashMap<>();
        meas.put("flash_erases_during_sweep", 0);
        Path dir = RunDirectory.create(tmp.resolve("runs"), "run");
        run = new RunResult("run", "fake", "{\"fw\":\"0.1.0\"}", "upstream", cases, meas, dir, Instant.now(), 1234);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theJsonReportReadsBackToTheSameRunForMerging() throws Exception {
        JsonReportWriter.write(run, run.runDir().resolve(RunDirectory.JSON));
        RunResult back = JsonReportReader.read(run.runDir());

        // every writer renders the read-back run as it rendered the original
        assertThat(JsonReportWriter.tree(back)).isEqualTo(JsonReportWriter.tree(run));
        assertThat(JunitXmlWriter.render(back)).isEqualTo(JunitXmlWriter.render(run));
        assertThat(back.cases()).extracting(CaseResult::status).containsExactlyElementsOf(
                run.cases().stream().map(CaseResult::status).toList());
        assertThat(back.cases().get(1).differences()).hasSameSizeAs(run.cases().get(1).differences());
    }

    @Test
    void aDirectoryWithoutAReportIsOneLine() {
        assertThatThrownBy(() -> JsonReportReader.read(tmp))
                .isInstanceOf(JsonReportReader.UnreadableReportException.class)
                .hasMessage(tmp + ": no report.json and no cases.jsonl (is it a run directory? each run writes both)");
    }

    @Test
    void theCaseJournalReadsBackToTheSameCasesAndRun() {
        writeJournal();
        JsonReportReader.Journal back = JsonReportReader.readJournal(run.runDir());

        assertThat(back.tornLastLine()).isFalse();
        assertThat(back.run().cases().stream().map(JsonReportWriter::caseNode).toList())
                .isEqualTo(run.cases().stream().map(JsonReportWriter::caseNode).toList());
        assertThat(back.run().command()).isEqualTo("run");
        assertThat(back.run().board()).isEqualTo("fake");
        assertThat(back.run().boardInfo()).isEqualTo("{\"fw\":\"0.1.0\"}");
        assertThat(back.run().measurements()).containsEntry("flash_erases_during_sweep", 0)
                .containsEntry("read_from_case_journal", true);
        // without report.json, reading the run directory (report merge) takes the journal
        assertThat(JsonReportReader.read(run.runDir()).cases()).hasSize(3);
    }

    @Test
    void aLineTornByAKilledProcessIsLeftOut() throws Exception {
        writeJournal();
        Path file = run.runDir().resolve(RunDirectory.JOURNAL);
        Files.writeString(file, "{\"name\":\"half-writ", java.nio.file.StandardOpenOption.APPEND);

        JsonReportReader.Journal back = JsonReportReader.readJournal(run.runDir());
        assertThat(back.tornLastLine()).isTrue();
        assertThat(back.run().cases()).extracting(CaseResult::name).containsExactly("agrees", "leaks", "crashes");
    }

    @Test
    void aDamagedLineBeforeTheLastIsRefusedWithItsNumber() throws Exception {
        writeJournal();
        Path file = run.runDir().resolve(RunDirectory.JOURNAL);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, "{not json");
        Files.write(file, lines);

        assertThatThrownBy(() -> JsonReportReader.readJournal(run.runDir()))
                .isInstanceOf(JsonReportReader.UnreadableReportException.class)
                .hasMessageStartingWith(file + ":3: not a JSON line");
    }

    @Test
    void aJournalThatCannotBeCreatedSaysWhere() {
        RunResult nowhere = new RunResult(run.command(), run.board(), run.boardInfo(), run.profile(), List.of(),
                Map.of(), tmp.resolve("no-such-dir"), run.started(), 0);
        assertThatThrownBy(() -> CaseJournal.create(nowhere)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot create " + tmp.resolve("no-such-dir").resolve(RunDirectory.JOURNAL));
    }

    /** The journal a run writes: its first line, then each case as it finishes. */
    private void writeJournal() {
        RunResult start = new RunResult(run.command(), run.board(), run.boardInfo(), run.profile(), List.of(),
                run.measurements(), run.runDir(), run.started(), 0);
        try (CaseJournal journal = CaseJournal.create(start)) {
            run.cases().forEach(journal::append);
            assertThat(journal.problem()).isNull();
        }
    }

    @Test
    void junitXmlParsesBackWithTheExpectedStructure() throws Exception {
        Document d = parse(JunitXmlWriter.render(run));
        Element suites = d.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("3");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("llext-hil.run.fake");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element agrees = (Element) cases.item(0);
        assertThat(agrees.getAttribute("name")).isEqualTo("agrees");
        assertThat(agrees.getElementsByTagName("failure").getLength()).isZero();
        Element leaks = (Element) cases.item(1);
        Element failure = (Element) leaks.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("heap.used: expected 200 (twin), observed 208");
        assertThat(((Element) cases.item(2)).getElementsByTagName("failure").item(0).getTextContent()).contains("crash");
        // the board id is in the suite's and each case's properties
        List<String> boards = new ArrayList<>();
        NodeList props = d.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals("board")) {
                boards.add(p.getAttribute("value"));
            }
        }
        assertThat(boards).hasSize(4).containsOnly("fake");
    }

    @Test
    void htmlIsWellFormedAndSelfContained() throws Exception {
        List<String> transcript = board.session().transcript().strippedLines();
        String html = HtmlReportWriter.render(run, transcript);
        Document d = parse(html);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(d.getElementsByTagName("svg").getLength()).isEqualTo(1);
        assertThat(d.getElementsByTagName("polyline").getLength()).as("board and twin heap lines").isEqualTo(2);
        assertThat(html).contains("heap.used").contains("tl-reset").contains("FATAL ERROR").contains("a &lt;case&gt; &amp; its");
        assertThat(Pattern.compile("(?i)(https?:|//[a-z]|<script|<link|src=|url\\()").matcher(html).find())
                .as("no external URL, script or asset").isFalse();
    }

    @Test
    void writeAllFillsTheRunDirectory() throws Exception {
        Path html = RunReports.writeAll(run, board.session().transcript());
        Path dir = run.runDir();
        assertThat(html).isEqualTo(dir.resolve("report.html"));
        assertThat(dir.resolve("summary.txt")).content().contains("agrees").contains("PASS").contains("leaks").contains("FAIL");
        assertThat(dir.resolve("junit.xml")).exists();
        assertThat(dir.resolve("report.json")).content().contains("\"predicted\"").contains("\"observed\"")
                .contains("\"flash_erases_during_sweep\"");
        assertThat(dir.resolve("transcripts/fake.log")).content().contains("hil ctx restore");
    }

    @Test
    void runDirectoriesAreAlwaysNew() {
        Path a = RunDirectory.create(tmp.resolve("runs2"), "run");
        Path b = RunDirectory.create(tmp.resolve("runs2"), "run");
        assertThat(a).isNotEqualTo(b);
        assertThatThrownBy(() -> RunDirectory.createExactly(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void htmlExplainsWhatItShows() throws Exception {
        String html = HtmlReportWriter.render(run, List.of("uart:~$ hil info"), List.of("fake.raw.log", "fake.log"));
        Document d = parse(html);
        // timeline: one distinct letter per step kind, each explained in the legend
        assertThat(html).contains(">U</span> upload").contains(">L</span> load").contains(">S</span> save")
                .contains(">B</span> reset").contains(">R</span> restore").contains(">X</span> unload")
                .contains("skipped (after a crash or an error)");
        // heap chart: the twin's dashed line is drawn over the board's wider band; every point has a tooltip
        int board = html.indexOf("<polyline class=\"board\"");
        int twin = html.indexOf("<polyline class=\"twin\"");
        assertThat(board).isPositive();
        assertThat(twin).isGreaterThan(board);
        NodeList points = d.getElementsByTagName("circle");
        assertThat(points.getLength()).isPositive();
        assertThat(((Element) points.item(0)).getElementsByTagName("title").item(0).getTextContent()).contains("board ").contains(" B");
        // times for people; plurals; the console's step counts; the files that exist
        assertThat(html).containsPattern("started \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC, took 1.2 s")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}")
                .contains("3 cases: ").contains("steps run").contains("<td>7/7</td>")
                .contains("<code>fake.raw.log</code>, <code>fake.log</code>").doesNotContain("transcripts/)");
        // the differences-only switch, and what it hides
        assertThat(html).contains("<input type=\"checkbox\" id=\"only-diffs\"").contains("tr class=\"same\"")
                .contains("tr class=\"differs\"").contains("class=\"case st-PASS\"");
    }

    @Test
    void oneCaseIsOneCase() {
        RunResult one = new RunResult("run", "fake", "{}", "upstream", List.of(run.cases().get(0)), Map.of(), run.runDir(),
                Instant.now(), 10);
        assertThat(ConsoleSummary.render(one)).contains("1 case: 1 passed, 0 failed (divergences), 0 errors;");
        assertThat(HtmlReportWriter.render(one, List.of())).contains("1 case: ").doesNotContain("1 cases");
    }

    @Test
    void aDiscardedRunDirectoryTakesTheParentsMadeForItAlong() throws Exception {
        Path runs = tmp.resolve("x/y/runs");
        Path dir = RunDirectory.create(runs, "run");
        assertThat(dir).isDirectory();
        RunDirectory.discard(dir);
        assertThat(tmp.resolve("x")).doesNotExist();
        Path kept = Files.createDirectories(tmp.resolve("kept"));
        RunDirectory.discard(RunDirectory.create(kept, "run"));
        assertThat(kept).as("a parent that existed before stays").isDirectory();
    }

    @Test
    void aRunDirectoryOnAFileSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> RunDirectory.create(file, "run")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": is a file, not a directory; give a directory (it is created when missing)");
    }
}
