package io.llexthil.link.qemu;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds firmware/qemu-test (the bare-metal test shell for mps2-an385) with Debian's
 * arm-none-eabi-gcc into host/link/target/qemu-test/, once per JVM. A missing compiler is a
 * failure, not a skip: the message names the package to install.
 */
final class TestFirmware {
    static final String MACHINE = "mps2-an385";
    static final String BANNER = "*** Booting Zephyr OS build qemu-test ***\r\n";
    static final String PROMPT = "uart:~$ ";
    private static final String GCC = "arm-none-eabi-gcc";

    private static Path built;

    private TestFirmware() {
    }

    /** The test shell's ELF, built on first use. */
    static synchronized Path elf() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    /** The repository root: -Dllexthil.repo (set by the parent POM), else found from the cwd. */
    static Path repo() {
        String property = System.getProperty("llexthil.repo");
        if (property != null && Files.isDirectory(Path.of(property, "firmware", "qemu-test"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("firmware/qemu-test"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find firmware/qemu-test above " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -Dllexthil.repo");
    }

    /** A fresh directory under host/link/target for one test's QEMU files. */
    static Path workDir(String name) {
        try {
            Path base = Files.createDirectories(repo().resolve("host/link/target/qemu-runs"));
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a QEMU work dir", e);
        }
    }

    private static Path build() {
        Path source = repo().resolve("firmware/qemu-test");
        Path out = repo().resolve("host/link/target/qemu-test");
        Path elf = out.resolve("test-shell.elf");
        List<String> command = new ArrayList<>(List.of(GCC, "-mcpu=cortex-m3", "-mthumb", "-nostdlib",
                "-ffreestanding", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-g",
                "-T", source.resolve("mps2_an385.ld").toString(), "-o", elf.toString()));
        try (Stream<Path> files = Files.list(source)) {
            files.filter(p -> p.toString().endsWith(".c")).sorted().forEach(p -> command.add(p.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + source, e);
        }
        command.add("-lgcc"); // integer division helpers, from gcc itself
        try {
            Files.createDirectories(out);
            Path log = out.resolve("build.log");
            Process gcc = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!gcc.waitFor(60, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                fail("%s did not finish within 60 s building %s", GCC, source);
            }
            if (gcc.exitValue() != 0) {
                fail("building the QEMU test firmware failed (exit %d): %s%n%s", gcc.exitValue(),
                        String.join(" ", command), Files.readString(log, StandardCharsets.UTF_8));
            }
            return elf;
        } catch (IOException e) {
            return fail("cannot run %s (%s): install the Debian package gcc-arm-none-eabi", GCC, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while building the QEMU test firmware");
        }
    }
}
