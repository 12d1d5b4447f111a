package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.link.sim.SimSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a bench user does: a board already running (the simulated board started by hand, its
 * console on TCP or a pty that outlives its reboots, as a USB-UART adapter does), then
 * {@code llext-hil run --link URL}. The tool resets it through its shell before each case.
 */
class BareLinkEndToEndTest extends CliHarness {
    @TempDir
    Path tmp;
    private Process sim;

    @AfterEach
    void stopSim() throws InterruptedException {
        if (sim != null) {
            sim.destroyForcibly();
            sim.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Starts llext-hil-sim by hand and returns what it announces, e.g. {@code tcp 127.0.0.1:40123}. */
    private String startSim(String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SimSettings.defaultBinary().toString(),
                "--flash", tmp.resolve("board.flash").toString()));
        cmd.addAll(List.of(options));
        sim = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the sim is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        String line = lines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("the sim's announcement").isNotNull().startsWith("LISTENING ");
        return line.substring("LISTENING ".length());
    }

    private static JsonNode caseNamed(Path dir, String name) throws Exception {
        for (JsonNode c : new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("cases")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name);
    }

    /**
     * Every case passes but the one that switches firmware builds, which a board on a bare link
     * cannot do by itself: that one is skipped before anything is sent, with the reason and what
     * to configure, and the run exits 0.
     */
    private void assertSuitePassedOnABareLink(int rc, Path dir) throws Exception {
        int cases = BuiltInSuite.fileNames().size();
        assertThat(rc).as(stdout() + stderr()).isEqualTo(0);
        assertThat(stdout()).contains(cases + " cases: " + (cases - 1) + " passed, 0 failed (divergences), 0 errors,"
                + " 1 skipped (this board cannot run them)");
        JsonNode other = caseNamed(dir, "restore-other-build");
        assertThat(other.path("status").asText()).isEqualTo("skipped");
        assertThat(other.path("message").asText()).startsWith("not run on this board: step ")
                .contains("cannot switch firmware builds by itself");
        assertThat(caseNamed(dir, "dependency-saved-last").path("status").asText()).isEqualTo("pass");
        assertThat(rawLog(dir)).content().contains("kernel reboot cold");
    }

    /** The run's raw transcript (named after the board, which a bare link names after what it reaches). */
    private static Path rawLog(Path dir) throws Exception {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".raw.log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no raw transcript in " + dir));
        }
    }

    @Test
    void builtInSuiteOverABareTcpLinkToABoardStartedByHand() throws Exception {
        String address = startSim("--tcp", "0", "--keep-uart", "--on-fatal", "reboot");
        Path dir = tmp.resolve("tcp-run");

        int rc = run("run", "--out", dir.toString(), "--link", "tcp://" + address.substring("tcp ".length()));

        assertSuitePassedOnABareLink(rc, dir);
    }

    /**
     * Exactly the arguments firmware/app/pytest/test_llext_hil.py gives llext-hil after twister has
     * flashed the board: a bare serial link with the DUT's port and baud and a run directory (the
     * one case a bare link cannot run is skipped). The twister case passes when this exits 0.
     */
    @Test
    void twistersHandOffOverABareSerialLinkPasses() throws Exception {
        String address = startSim("--pty", "--keep-uart", "--on-fatal", "reboot");
        sim.getOutputStream().write('\n'); // the sim boots on a newline on its stdin, like pressing Enter
        sim.getOutputStream().flush();
        Path dir = tmp.resolve("twister-run");
        String port = address.substring("pty ".length());

        int rc = run("run", "--link", "serial://" + port + "?baud=115200", "--out", dir.toString());

        assertSuitePassedOnABareLink(rc, dir);
    }

    /** A hardware map whose one entry is the simulated board on a pty, flashed by {@code flash}. */
    private Path bench(String device, String flash) throws Exception {
        Path map = tmp.resolve("map.yml");
        java.nio.file.Files.writeString(map, """
                - connected: true
                  id: bench-sim
                  platform: native_sim
                  serial: %s
                  banner: {required: false}
                  flash: %s
                """.formatted(device, flash));
        return map;
    }

    private String benchSimOnAPty() throws Exception {
        String address = startSim("--pty", "--keep-uart", "--on-fatal", "reboot",
                "--build-id-file", tmp.resolve("flashed.build-id").toString());
        sim.getOutputStream().write('\n');
        sim.getOutputStream().flush();
        return address.substring("pty ".length());
    }

    @Test
    void runFlashFlashesOnceSeesTheNewBuildIdAndRunsTheSuite() throws Exception {
        String device = benchSimOnAPty();
        // a stand-in for west flash: "flashes" the build directory's id into the board
        Path build = java.nio.file.Files.createDirectories(tmp.resolve("build"));
        java.nio.file.Files.writeString(build.resolve("build-id"), "00000000feedf00d\n");
        Path map = bench(device, "{command: [sh, -c, 'cp \"$1/build-id\" \"$2\"; echo flashed >> \"$2.log\"', sh, '${build_dir}', '"
                + tmp.resolve("flashed.build-id") + "'], timeout: 5s}");
        Path dir = tmp.resolve("flash-run");

        int rc = run("run", "--out", dir.toString(), "--hardware-map", map.toString(), "--board", "bench-sim",
                "--flash", build.toString(), "--only", "single-extension,producer-consumer");

        assertThat(rc).as(stdout() + stderr()).isZero();
        assertThat(stderr()).contains("flashed " + build + ": the board now reports build 00000000feedf00d");
        assertThat(stdout()).contains("2 cases: 2 passed");
        assertThat(tmp.resolve("flashed.build-id.log")).content().isEqualTo("flashed\n");
        assertThat(dir.resolve("bench-sim.raw.log")).content().contains("\"build\":\"00000000feedf00d\"");
    }

    @Test
    void aFailingOrHangingFlashIsATypedErrorWithinItsTimeout() throws Exception {
        String device = benchSimOnAPty();
        Path build = java.nio.file.Files.createDirectories(tmp.resolve("build"));

        int rc = run("run", "--out", tmp.resolve("fail").toString(), "--hardware-map",
                bench(device, "{command: [sh, -c, 'echo no probe found >&2; exit 3'], timeout: 5s}").toString(),
                "--board", "bench-sim", "--flash", build.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(stderr()).contains("bench-sim: flash: 'echo no probe found >&2; exit 3' exited with 3;"
                + " output: \"no probe found\"");

        out.reset();
        err.reset();
        rc = run("run", "--out", tmp.resolve("hang").toString(), "--hardware-map",
                bench(device, "{command: [sleep, '30'], timeout: 1s}").toString(),
                "--board", "bench-sim", "--flash", build.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(stderr()).contains("bench-sim: flash: [sleep, 30] did not finish within 1000 ms (killed); output: (none)");
    }

    @Test
    void aConsoleThatDiesWithTheBoardStopsTheRunAtTheFirstCaseWithOneLine() throws Exception {
        // without --keep-uart the sim's console goes away with every reboot, as a USB CDC-ACM console does
        String address = startSim("--tcp", "0");
        Path dir = tmp.resolve("dies");

        int rc = run("run", "--out", dir.toString(), "--link", "tcp://" + address.substring("tcp ".length()));

        assertThat(rc).as(stdout() + stderr()).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("llext-hil: 127.0.0.1:")
                .contains(": reset (shell command 'kernel reboot cold'): the link went away with the reboot")
                .contains("--keep-uart");
        assertThat(stdout()).doesNotContain("cases:");
    }
}
