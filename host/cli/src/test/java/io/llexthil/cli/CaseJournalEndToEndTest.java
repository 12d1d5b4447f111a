package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case journal of real runs on the simulated board: one line per finished case, in the
 * report's order, on one board and on a pool; and {@code report rebuild} on a run directory that
 * lost its reports (what a killed run leaves; the kill itself is in {@link SignalsIT}).
 */
class CaseJournalEndToEndTest extends CliHarness {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRunJournalsEveryCaseInReportOrderAndRebuildWritesTheSameReports() throws Exception {
        Path dir = tmp.resolve("one");
        assertThat(run("run", "--out", dir.toString())).as(stderr()).isZero();
        List<String> reported = caseNames(JSON.readTree(dir.resolve("report.json").toFile()).path("cases"));
        assertThat(reported).hasSizeGreaterThan(10);
        assertThat(journalCaseNames(dir)).isEqualTo(reported);

        JsonNode before = JSON.readTree(dir.resolve("report.json").toFile());
        for (String report : List.of("report.json", "junit.xml", "report.html", "summary.txt")) {
            Files.delete(dir.resolve(report)); // as a SIGKILL leaves it: no report was written
        }
        out.reset();
        assertThat(run("report", "rebuild", dir.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("rebuilt from cases.jsonl: " + reported.size() + " finished cases")
                .contains("HTML report:   " + dir.resolve("report.html"));
        JsonNode after = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(after.path("cases")).isEqualTo(before.path("cases"));
        assertThat(after.path("totals")).isEqualTo(before.path("totals"));
        assertThat(dir.resolve("junit.xml")).content().contains("tests=\"" + reported.size() + "\"");
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void aPoolJournalsEveryCaseOnce() throws Exception {
        Path dir = tmp.resolve("pool");
        assertThat(run("run", "--pool", "sim:2", "--out", dir.toString())).as(stderr()).isZero();
        List<String> reported = caseNames(JSON.readTree(dir.resolve("report.json").toFile()).path("cases"));
        assertThat(journalCaseNames(dir)).containsExactlyInAnyOrderElementsOf(reported);
    }

    @Test
    void rebuildRefusesADirectoryThatHasItsReportsOrNoJournal() throws Exception {
        Path dir = tmp.resolve("done");
        assertThat(run("run", "--out", dir.toString())).isZero();
        byte[] report = Files.readAllBytes(dir.resolve("report.json"));
        err.reset();
        assertThat(run("report", "rebuild", dir.toString())).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("llext-hil: report rebuild: " + dir + " already has its reports")
                .doesNotContain("\n");
        assertThat(Files.readAllBytes(dir.resolve("report.json"))).isEqualTo(report);

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        err.reset();
        assertThat(run("report", "rebuild", empty.toString())).isEqualTo(2);
        assertThat(stderr()).contains("has no cases.jsonl");
        try (var files = Files.list(empty)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static List<String> journalCaseNames(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("cases.jsonl"));
        assertThat(JSON.readTree(lines.get(0)).path("journal").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            names.add(JSON.readTree(line).path("name").asText());
        }
        return names;
    }

    private static List<String> caseNames(JsonNode cases) {
        List<String> names = new ArrayList<>();
        cases.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
