package io.llexthil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.testkit.Ser2netServer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field diagnostics of a remote board, the way users reach one: the simulated board's console
 * on a pty, served by a real ser2net as RFC 2217, and {@code llext-hil diag --link rfc2217://...}
 * attaching to the running board (no banner to wait for) and reading its state.
 */
class RemoteDiagOverSer2netIT extends CliHarness {

    @TempDir
    Path tmp;

    @Test
    void diagnosesABoardBehindSer2net() throws Exception {
        Path sim = Path.of(System.getProperty("llexthil.repo", ".")).resolve("firmware/build/sim/llext-hil-sim");
        assertThat(sim).as("build the firmware first").isExecutable();
        Process board = new ProcessBuilder(sim.toString(), "--flash", tmp.resolve("board.flash").toString(), "--pty")
                .redirectOutput(tmp.resolve("sim.out").toFile()).start();
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(board.getErrorStream(), StandardCharsets.UTF_8))) {
            String listening = stderr.readLine();
            assertThat(listening).startsWith("LISTENING pty ");
            String pty = listening.substring("LISTENING pty ".length()).strip();
            // Hold the pty open while the board boots, so its banner and prompt wait in the tty
            // queue until ser2net opens the device for the first client.
            try (FileInputStream hold = new FileInputStream(pty)) {
                OutputStream stdin = board.getOutputStream();
                stdin.write('\n');
                stdin.flush();
                try (Ser2netServer ser2net = Ser2netServer.serve(pty, tmp, Duration.ofSeconds(10))) {
                    Path runs = tmp.resolve("runs");
                    int rc = run("diag", "--link", "rfc2217://127.0.0.1:" + ser2net.port() + "?baud=115200",
                            "--runs-dir", runs.toString());
                    assertThat(rc).as(stdout() + stderr() + "\nser2net: " + ser2net.log()).isZero();
                    assertThat(stdout()).contains("(sim, posix)").contains("build id").contains("reset cause      power-on");
                    Path dir;
                    try (var dirs = Files.list(runs)) {
                        dir = dirs.findFirst().orElseThrow();
                    }
                    JsonNode json = new ObjectMapper().readTree(dir.resolve("diag.json").toFile());
                    // "board" names the inventory entry (a bare --link: what it reaches); "target" is what the firmware says
                    assertThat(json.path("board").asText()).isEqualTo("127.0.0.1:" + ser2net.port());
                    assertThat(json.path("target").asText()).isEqualTo("sim");
                    assertThat(json.path("build").asText()).matches("[0-9a-f]{16}");
                    assertThat(json.path("context").path("slots")).hasSize(2);
                }
            }
        } finally {
            board.destroyForcibly();
            board.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
