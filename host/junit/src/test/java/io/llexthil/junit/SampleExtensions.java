package io.llexthil.junit;

import io.llexthil.board.Boards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample extensions the firmware build makes for the simulated board (x86-64 ELF relocatables). */
final class SampleExtensions {
    private SampleExtensions() { }

    static byte[] image(String name) {
        Path file = Boards.repoRoot().resolve("firmware/build/model/ext/host/" + name + ".o");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the firmware first "
                    + "(cmake -S firmware -B firmware/build -G Ninja && cmake --build firmware/build -j2)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
