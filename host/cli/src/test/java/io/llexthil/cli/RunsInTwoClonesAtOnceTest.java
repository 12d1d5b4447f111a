package io.llexthil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.board.Boards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two users' clones each run the built-in suite on their own simulated board at the same time, as
 * separate processes: the simulated board is private to its run, so neither waits for nor refuses
 * the other (a machine-wide lock on "sim" made the second one fail with "board sim is busy").
 */
class RunsInTwoClonesAtOnceTest {
    @TempDir
    Path tmp;

    /** A clone: its own boards/ (the profiles), the firmware build shared through a link. */
    private Path cloneOf(Path repo, String name) throws IOException {
        Path clone = Files.createDirectories(tmp.resolve(name));
        Path boards = Files.createDirectories(clone.resolve("boards"));
        try (Stream<Path> files = Files.list(repo.resolve("boards"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, boards.resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(clone.resolve("firmware"), repo.resolve("firmware"));
        return clone;
    }

    @Test
    void twoRunsOnTheSimulatedBoardInTwoClonesBothSucceed() throws Exception {
        Path repo = Boards.repoRoot();
        List<Path> clones = List.of(cloneOf(repo, "clone-a"), cloneOf(repo, "clone-b"));
        List<Process> runs = new ArrayList<>();
        for (Path clone : clones) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dllexthil.repo=" + clone,
                    Main.class.getName(), "run", "--out", clone.resolve("run").toString())
                    .directory(clone.toFile()).redirectErrorStream(true)
                    .redirectOutput(clone.resolve("output.txt").toFile());
            runs.add(pb.start());
        }
        for (int i = 0; i < runs.size(); i++) {
            Process p = runs.get(i);
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            String output = Files.readString(clones.get(i).resolve("output.txt"));
            assertThat(ended).as("run in %s ended; output:%n%s", clones.get(i), output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("busy");
        }
        // the two runs did overlap: otherwise this test would prove nothing about locks
        JsonNode a = new ObjectMapper().readTree(clones.get(0).resolve("run/report.json").toFile());
        JsonNode b = new ObjectMapper().readTree(clones.get(1).resolve("run/report.json").toFile());
        Instant aStart = Instant.parse(a.path("started").asText());
        Instant bStart = Instant.parse(b.path("started").asText());
        Instant aEnd = aStart.plusMillis(a.path("millis").asLong());
        Instant bEnd = bStart.plusMillis(b.path("millis").asLong());
        assertThat(aStart.isBefore(bEnd) && bStart.isBefore(aEnd)).as("runs overlapped: %s..%s and %s..%s",
                aStart, aEnd, bStart, bEnd).isTrue();
    }
}
