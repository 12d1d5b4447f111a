package io.llexthil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (SimBehindSer2net remote = SimBehindSer2net.start(tmp)) {
            Path runs = tmp.resolve("runs");
            int rc = run("diag", "--link", remote.url(), "--runs-dir", runs.toString());
            assertThat(rc).as(stdout() + stderr() + "\nser2net: " + remote.ser2netLog()).isZero();
            assertThat(stdout()).contains("(sim, posix)").contains("build id").contains("reset cause      power-on");
            Path dir;
            try (var dirs = Files.list(runs)) {
                dir = dirs.findFirst().orElseThrow();
            }
            JsonNode json = new ObjectMapper().readTree(dir.resolve("diag.json").toFile());
            // "board" names the inventory entry (a bare --link: what it reaches); "target" is what the firmware says
            assertThat(json.path("board").asText()).isEqualTo("127.0.0.1:" + remote.port());
            assertThat(json.path("target").asText()).isEqualTo("sim");
            assertThat(json.path("build").asText()).matches("[0-9a-f]{16}");
            assertThat(json.path("context").path("slots")).hasSize(2);
        }
    }
}
