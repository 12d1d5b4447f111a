package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.cli.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html in a real browser (headless Debian chromium): a passing and a failing run of the
 * built-in suite are loaded; no console errors, the key elements visible and not overlapping, the
 * "differences only" switch works, and the step counts are the console's. Screenshots are kept
 * in {@code target/browser-check/} for people to look at.
 */
class ReportInBrowserIT extends CliHarness {
    private static final Path SHOTS = Path.of("target", "browser-check");
    private static HeadlessChromium browser;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static String script(String name) throws IOException {
        try (InputStream in = ReportInBrowserIT.class.getResourceAsStream("browser/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void passingRun() throws Exception {
        Path dir = tmp.resolve("passing");
        assertThat(run("run", "--out", dir.toString())).as(stderr()).isZero();
        JsonNode checks = check(dir, "passing");
        JsonNode diffs = browser.eval(script("differences-only.js"));
        assertThat(diffs.path("checked").asBoolean()).isTrue();
        assertThat(diffs.path("passingCasesShown").asInt()).as("differences only hides passing cases").isZero();
        browser.screenshot(SHOTS.resolve("passing-differences-only.png"), 0, diffs.path("y").asDouble() - 10, 1280, 300, 0);
        assertThat(checks.path("stepsRun").size()).isEqualTo(BuiltInSuite.fileNames().size());
    }

    @Test
    void failingRun() throws Exception {
        Path dir = tmp.resolve("failing");
        assertThat(run("run", "--profile", "contract", "--out", dir.toString())).isEqualTo(1);
        check(dir, "failing");
        JsonNode diffs = browser.eval(script("differences-only.js"));
        assertThat(diffs.path("sameRows").asInt()).as("equal fields exist").isPositive();
        assertThat(diffs.path("sameRowsShown").asInt()).as("differences only hides equal fields").isZero();
        assertThat(diffs.path("differingRowsShown").asInt()).as("the differing fields stay")
                .isEqualTo(diffs.path("differencesInTable").asInt()).isPositive();
        assertThat(diffs.path("failingCasesShown").asInt()).isEqualTo(3);
        browser.screenshot(SHOTS.resolve("failing-differences-only.png"), 0, diffs.path("y").asDouble() - 10, 1280, 900, 0);
    }

    /** Loads the run's report, runs the layout checks, compares step counts with summary.txt, takes screenshots. */
    private JsonNode check(Path dir, String name) throws Exception {
        Path html = dir.resolve("report.html");
        int errorsBefore = browser.consoleErrors().size();
        browser.open(html);
        JsonNode r = browser.eval(script("report-checks.js"));
        browser.screenshot(SHOTS.resolve(name + "-page.png"), 0, 0, 0, 0, 4000);
        JsonNode heap = r.path("boxes").path("heap");
        browser.screenshot(SHOTS.resolve(name + "-heap.png"), heap.get(0).asDouble(), heap.get(1).asDouble(),
                heap.get(2).asDouble(), heap.get(3).asDouble() + 40, 0);
        JsonNode timeline = r.path("boxes").path("timeline");
        browser.screenshot(SHOTS.resolve(name + "-timeline.png"), 0, timeline.get(1).asDouble() - 40, 1280,
                timeline.get(3).asDouble() + 120, 0);

        assertThat(browser.consoleErrors().subList(errorsBefore, browser.consoleErrors().size()))
                .as("console errors loading " + html).isEmpty();
        List<String> problems = new java.util.ArrayList<>();
        r.path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).as("layout problems of " + html + " (screenshots in " + SHOTS.toAbsolutePath() + ")").isEmpty();

        Map<String, String> html2 = new LinkedHashMap<>();
        r.path("stepsRun").fields().forEachRemaining(e -> html2.put(e.getKey(), e.getValue().asText()));
        assertThat(html2).as("steps run, HTML vs console").isEqualTo(consoleStepsRun(dir.resolve("summary.txt")));
        String transcripts = Files.readString(html);
        assertThat(transcripts).contains("<code>sim.raw.log</code>").contains("<code>sim.log</code>")
                .doesNotContain("are in transcripts/");
        assertThat(dir.resolve("sim.raw.log")).exists();
        return r;
    }

    /** The "steps" column of summary.txt, case by case. */
    private static Map<String, String> consoleStepsRun(Path summary) throws IOException {
        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : Files.readAllLines(summary)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[1].matches("PASS|FAIL|ERROR") && f[2].matches("\\d+/\\d+")) {
                steps.put(f[0], f[2]);
            }
        }
        return steps;
    }
}
