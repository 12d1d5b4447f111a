package io.llexthil.board;

import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.reset.ResetConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The built-in simulated board for tests: real binary, real link, a fresh flash file. */
final class SimBoards {
    private SimBoards() { }

    static Path repo() {
        return Boards.repoRoot();
    }

    /** A sample extension built by the firmware build for the host (x86-64 ELF relocatable). */
    static byte[] extension(String name) {
        Path file = repo().resolve("firmware/build/model/ext/host/" + name + ".o");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the firmware first "
                    + "(cmake -S firmware -B firmware/build && cmake --build firmware/build)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BoardProfile profile(Path dir, String transport, String extraParams) {
        Path binary = repo().resolve("firmware/build/sim/llext-hil-sim");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: build the firmware first "
                    + "(cmake -S firmware -B firmware/build && cmake --build firmware/build)");
        }
        String link = "sim:?flash=" + dir.resolve("board.flash") + "&transport=" + transport + extraParams;
        return BoardProfile.builder("sim-" + transport)
                .id("sim-test-" + UUID.randomUUID())
                .link(link)
                .lineEnding("\r")
                .txChunk(256)
                .txDelay(Duration.ZERO)
                .reset(ResetConfig.hard())
                .readyTimeout(Duration.ofSeconds(10))
                .commandTimeout(Duration.ofSeconds(10))
                .build();
    }
}
