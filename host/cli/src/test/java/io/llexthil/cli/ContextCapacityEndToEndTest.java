package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twin predicts the context store's {@code -ENOSPC} at the exact byte: a context that fills a
 * slot to its last byte is saved, one 4 bytes larger than the slot is refused and the previous
 * context stays, and the twin agrees on both sides of that edge. The edge comes from the board
 * itself: the size of the context as a first save wrote it into slot A.
 */
class ContextCapacityEndToEndTest extends CliHarness {
    private static final String SCENARIO = """
            name: fill-the-slot
            description: a context of two extensions, then a larger one, against the slot size
            steps:
              - upload: [producer, consumer, counter]
              - load: producer
              - load: consumer
              - save: [producer, consumer]
              - load: counter
              - save: all
              - reset: shell
              - restore: {}
            """;

    @TempDir
    Path tmp;

    /** body_offset + body_len of the context in slot A (docs/context-format.md: header fields at 40 and 44). */
    private static long contextBytesInSlotA(Path flash) throws Exception {
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(flash), 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        return Integer.toUnsignedLong(header.getInt(40)) + Integer.toUnsignedLong(header.getInt(44));
    }

    private int runOn(Path dir, Path flash, long flashSize, Path scenario) {
        return run("run", "--out", dir.toString(), "--board", "sim", "--link",
                "sim:?flash=" + flash + "&flash-size=" + flashSize + "&erase-block=4&write-block=4", scenario.toString());
    }

    private static JsonNode saveAll(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("cases").get(0).path("steps").get(5);
    }

    @Test
    void theTwinAgreesOnBothSidesOfAFullSlot() throws Exception {
        Path scenario = tmp.resolve("fill.yaml");
        Files.writeString(scenario, SCENARIO);
        // the second context (all three) as the board writes it, on a flash large enough for it
        Path big = tmp.resolve("big.flash");
        int rc = runOn(tmp.resolve("big"), big, 65536, scenario);
        assertThat(rc).as(stdout() + err.toString(StandardCharsets.UTF_8)).isZero();
        long pair = contextBytesInSlotA(big);        // slot A: the first save (producer, consumer)
        assertThat(pair).isGreaterThan(1000);

        // a slot exactly as large as the pair's context: the first save fits to the byte; the larger one does not
        Path exact = tmp.resolve("exact.flash");
        rc = runOn(tmp.resolve("exact"), exact, 2 * pair, scenario);
        assertThat(rc).as(stdout()).isZero();
        assertThat(contextBytesInSlotA(exact)).isEqualTo(pair);
        JsonNode refused = saveAll(tmp.resolve("exact"));
        assertThat(refused.path("observed").path("rc").asText()).isEqualTo("-28");
        assertThat(refused.path("predicted").path("rc").asText()).isEqualTo("-28");
        // the restore after the refused save brings back the pair: the previous context stayed
        assertThat(stdout()).contains("1 case: 1 passed");

        // 4 bytes less: even the pair does not fit, and the twin says so before the board does
        rc = runOn(tmp.resolve("short"), tmp.resolve("short.flash"), 2 * (pair - 4), scenario);
        assertThat(rc).as(stdout()).isZero();
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("short").resolve("report.json").toFile());
        JsonNode pairSave = report.path("cases").get(0).path("steps").get(3);
        assertThat(pairSave.path("observed").path("rc").asText()).isEqualTo("-28");
        assertThat(pairSave.path("predicted").path("rc").asText()).isEqualTo("-28");
    }
}
