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
     * cannot do by itself; its error says what to configure.
     */
    private void assertSuitePassedOnABareLink(int rc, Path dir) throws Exception {
        int cases = BuiltInSuite.fileNames().size();
        assertThat(rc).as(stdout() + stderr()).isEqualTo(1);
        assertThat(stdout()).contains(cases + " cases: " + (cases - 1) + " passed, 0 failed (divergences), 1 errors");
        JsonNode other = caseNamed(dir, "restore-other-build");
        assertThat(other.path("status").asText()).isEqualTo("error");
        assertThat(other.path("message").asText()).contains("cannot switch firmware builds by itself");
        assertThat(caseNamed(dir, "dependency-saved-last").path("status").asText()).isEqualTo("pass");
        assertThat(dir.resolve("link.raw.log")).content().contains("kernel reboot cold");
    }

    @Test
    void builtInSuiteOverABareTcpLinkToABoardStartedByHand() throws Exception {
        String address = startSim("--tcp", "0", "--keep-uart", "--on-fatal", "reboot");
        Path dir = tmp.resolve("tcp-run");

        int rc = run("run", "--out", dir.toString(), "--link", "tcp://" + address.substring("tcp ".length()));

        assertSuitePassedOnABareLink(rc, dir);
    }

    @Test
    void builtInSuiteOverABarePtyLinkToABoardStartedByHand() throws Exception {
        String address = startSim("--pty", "--keep-uart", "--on-fatal", "reboot");
        sim.getOutputStream().write('\n'); // the sim boots on a newline on its stdin, like pressing Enter
        sim.getOutputStream().flush();
        Path dir = tmp.resolve("pty-run");

        int rc = run("run", "--out", dir.toString(), "--link", "serial://" + address.substring("pty ".length()));

        assertSuitePassedOnABareLink(rc, dir);
    }

    @Test
    void aConsoleThatDiesWithTheBoardStopsTheRunAtTheFirstCaseWithOneLine() throws Exception {
        // without --keep-uart the sim's console goes away with every reboot, as a USB CDC-ACM console does
        String address = startSim("--tcp", "0");
        Path dir = tmp.resolve("dies");

        int rc = run("run", "--out", dir.toString(), "--link", "tcp://" + address.substring("tcp ".length()));

        assertThat(rc).as(stdout() + stderr()).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("llext-hil: link: reset (shell command 'kernel reboot cold'): the link went away with the reboot")
                .contains("--keep-uart");
        assertThat(stdout()).doesNotContain("cases:");
    }
}
