package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real command line against the QEMU core board (boards/qemu-mps2-an385-core.yaml: the bare-metal
 * firmware/qemu-core ELF, 32-bit ARM, in real QEMU), in-process like {@link SimEndToEndTest}. Needs the
 * firmware built first ({@code ci/test.sh} does it): {@code firmware/build/qemu-core/llext-hil-core.elf}.
 */
class QemuEndToEndIT extends CliHarness {
    private static final String BOARD = "qemu-mps2-an385-core";
    private static final String OTHER_BUILD = "00000000deadbeef";

    @TempDir
    Path tmp;

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void builtInSuiteAgreesWithTheTwinAndTheReportNamesTheQemuBoard() throws Exception {
        Path dir = tmp.resolve("run");
        int rc = run("run", "--board", BOARD, "--out", dir.toString());

        assertThat(rc).as(output()).isZero();
        JsonNode report = json(dir);
        assertAllPassed(report);
        assertThat(stepsWithDifferences(report)).as("divergences").isZero();
        assertThat(caseNamed(report, "restore-other-build").path("status").asText()).isEqualTo("pass");

        // a QEMU board, with QEMU's version, reporting the 32-bit sizes
        JsonNode link = report.path("board_link");
        assertThat(link.path("scheme").asText()).isEqualTo("qemu");
        assertThat(link.path("url").asText()).startsWith("qemu:arm?machine=mps2-an385")
                .contains("memfile=" + dir.toAbsolutePath().resolve("qemu-psram.bin"));
        assertThat(link.path("description").asText()).containsPattern("^QEMU \\d+\\.\\d+\\.\\d+ .*mps2-an385");
        JsonNode info = report.path("board_info");
        assertThat(info.path("board").asText()).isEqualTo("mps2/an385");
        assertThat(info.path("arch").asText()).isEqualTo("arm");
        assertThat(info.path("sizes").path("ptr").asInt()).isEqualTo(4);
        assertThat(suiteProperties(dir).get("board.link.description")).startsWith("QEMU ")
                .isEqualTo(link.path("description").asText());
        assertThat(dir.resolve("report.html")).content().contains(link.path("description").asText());

        // restore-other-build really relaunched QEMU as another build on the same RAM file: the second
        // process announced the override, saw the saved slot as written by another build and refused it
        assertThat(dir.resolve("qemu-psram.bin")).hasSize(16L * 1024 * 1024);
        String otherBoot = transcriptsUnder(dir.resolve("boot-1-" + OTHER_BUILD));
        assertThat(otherBoot).contains("<inf> llext_hil: build id " + OTHER_BUILD + " (override at 0x203ffff8)")
                .contains("\"why\":\"other build\"").containsPattern("@@HIL\\|\\d+\\|-8\\|");
        String defaultBoot = transcriptsUnder(dir.resolve("boot-2-default"));
        assertThat(defaultBoot).doesNotContain("override at").containsPattern("\"exts\":\\[\"producer\"\\],\"restore\":0");
    }

    @Test
    void allocSweepCompletesAndAgrees() throws Exception {
        Path dir = tmp.resolve("alloc");
        int rc = run("sweep", "alloc", "--board", BOARD, "--out", dir.toString());

        assertThat(rc).as(output()).isZero();
        JsonNode report = json(dir);
        assertAllPassed(report);
        assertThat(stepsWithDifferences(report)).isZero();
        JsonNode m = report.path("measurements");
        assertThat(m.path("alloc_points").asInt()).isGreaterThan(2);
        assertThat(m.path("flash_erases_during_sweep").asLong()).isZero();
        assertThat(report.path("cases").size()).isEqualTo(m.path("alloc_points").asInt() + 2);
    }

    @Test
    void powerCutSweepCompletesAndAgrees() throws Exception {
        Path dir = tmp.resolve("powercut");
        int rc = run("sweep", "powercut", "--board", BOARD, "--out", dir.toString());

        assertThat(rc).as(output()).isZero();
        JsonNode report = json(dir);
        assertAllPassed(report);
        assertThat(stepsWithDifferences(report)).isZero();
        JsonNode m = report.path("measurements");
        assertThat(m.path("powercut_points").asInt()).isGreaterThan(2);
        assertThat(m.path("powercut_previous_kept").asInt() + m.path("powercut_new_committed").asInt())
                .isEqualTo(m.path("powercut_points").asInt());
        report.path("cases").forEach(c -> assertThat(c.path("measurements").path("outcome").asText()).isIn("previous", "new"));
    }

    /**
     * The twin is built from the sizes each board reports: the same extension gets another predicted
     * allocation on the 32-bit QEMU board than on the simulated board (64-bit host), and each board
     * agrees with its own prediction.
     */
    @Test
    void theTwinPredictsWithEachBoardsOwnSizes() throws Exception {
        Path qemuDir = tmp.resolve("qemu-single");
        Path simDir = tmp.resolve("sim-single");
        assertThat(run("run", "--board", BOARD, "--only", "single-extension", "--out", qemuDir.toString()))
                .as(output()).isZero();
        assertThat(run("run", "--board", "sim", "--only", "single-extension", "--out", simDir.toString()))
                .as(output()).isZero();
        JsonNode qemu = json(qemuDir);
        JsonNode sim = json(simDir);

        assertThat(qemu.path("board_info").path("sizes").path("ptr").asInt()).isEqualTo(4);
        assertThat(sim.path("board_info").path("sizes").path("ptr").asInt()).isEqualTo(8);
        assertThat(qemu.path("board_info").path("sizes").path("llext").asInt())
                .isLessThan(sim.path("board_info").path("sizes").path("llext").asInt());
        assertThat(sim.path("board_link").path("scheme").asText()).isEqualTo("sim");

        Map<String, String> qemuAlloc = predictedAllocations(qemu);
        Map<String, String> simAlloc = predictedAllocations(sim);
        assertThat(qemuAlloc).isNotEmpty();
        assertThat(qemuAlloc.keySet()).isEqualTo(simAlloc.keySet());
        qemuAlloc.forEach((field, size) -> assertThat(size).as(field + ": QEMU vs sim").isNotEqualTo(simAlloc.get(field)));
    }

    // ------------------------------------------------------------------------------------------------------

    private static void assertAllPassed(JsonNode report) {
        JsonNode totals = report.path("totals");
        assertThat(totals.path("cases").asInt()).isGreaterThan(0);
        assertThat(totals.path("pass").asInt()).as(totals.toString()).isEqualTo(totals.path("cases").asInt());
        assertThat(totals.path("fail").asInt()).isZero();
        assertThat(totals.path("error").asInt()).isZero();
    }

    private static int stepsWithDifferences(JsonNode report) {
        int n = 0;
        for (JsonNode c : report.path("cases")) {
            for (JsonNode s : c.path("steps")) {
                if (s.path("differences").size() > 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * {@code case/step/ext.<name>.alloc} -> the twin's prediction, for steps where the board observed
     * the same value (so each board agreed with its own twin on it).
     */
    private static Map<String, String> predictedAllocations(JsonNode report) {
        Map<String, String> found = new HashMap<>();
        for (JsonNode c : report.path("cases")) {
            for (JsonNode s : c.path("steps")) {
                s.path("predicted").fields().forEachRemaining(e -> {
                    if (e.getKey().startsWith("ext.") && e.getKey().endsWith(".alloc")) {
                        assertThat(s.path("observed").path(e.getKey()).asText()).as(e.getKey())
                                .isEqualTo(e.getValue().asText());
                        found.put(c.path("name").asText() + "/" + s.path("index").asText() + "/" + e.getKey(),
                                e.getValue().asText());
                    }
                });
            }
        }
        return found;
    }

    private static Map<String, String> suiteProperties(Path dir) throws Exception {
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        Element props = (Element) suite.getElementsByTagName("properties").item(0);
        NodeList list = props.getElementsByTagName("property");
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            if (p.getParentNode() == props) {
                out.put(p.getAttribute("name"), p.getAttribute("value"));
            }
        }
        return out;
    }

    private static String transcriptsUnder(Path dir) {
        assertThat(dir).isDirectory();
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static JsonNode caseNamed(JsonNode report, String name) {
        for (JsonNode c : report.path("cases")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name);
    }
}
