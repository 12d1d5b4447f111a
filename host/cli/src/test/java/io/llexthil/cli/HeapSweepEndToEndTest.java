package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sweep heap} on the real simulated board: every heap size of one small set agrees with the twin. */
class HeapSweepEndToEndTest extends CliHarness {
    @TempDir
    Path tmp;

    @Test
    void everyHeapSizeOfNoexpAgreesIncludingTheAllocatorCallCount() throws Exception {
        Path dir = tmp.resolve("heap");
        int rc = run("sweep", "heap", "--set", "noexp", "--out", dir.toString());
        assertThat(rc).as(stdout() + stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        // from 64 bytes in 8-byte steps up to the first size that loads and restores without a failure
        int needed = report.path("measurements").path("heap_needed[noexp]").asInt();
        assertThat(needed).isGreaterThan(64);
        int points = (needed - 64) / 8 + 1;
        assertThat(report.path("measurements").path("heap_points").asInt()).isEqualTo(points);
        assertThat(report.path("cases")).hasSize(2 * points);
        boolean sawFailure = false;
        for (JsonNode c : report.path("cases")) {
            assertThat(c.path("status").asText()).as(c.path("name").asText()).isEqualTo("pass");
            JsonNode last = c.path("steps").get(c.path("steps").size() - 1);
            assertThat(last.path("label").asText()).startsWith("allocator calls");
            sawFailure |= c.path("steps").findValuesAsText("rc").contains("-12");
        }
        assertThat(sawFailure).as("sizes below the need fail an allocation").isTrue();
    }

    @Test
    void aBoardThatCannotChangeItsHeapIsAConfigurationError() {
        int rc = run("sweep", "heap", "--link", "tcp://127.0.0.1:1");
        assertThat(rc).isEqualTo(ExitCodes.CONFIG);
        assertThat(stderr()).contains("cannot change its heap size");
    }
}
