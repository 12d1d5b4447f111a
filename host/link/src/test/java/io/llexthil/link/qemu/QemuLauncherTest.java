package io.llexthil.link.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start failures: each must be a typed error, within the timeout, that says why. */
class QemuLauncherTest {
    private static final Duration START = Duration.ofSeconds(10);

    @Test
    void badMachineNameFailsFastWithQemusOwnStderr() {
        QemuSpec spec = QemuSpec.of("arm", "no-such-board", TestFirmware.elf())
                .withWorkDir(TestFirmware.workDir("bad-machine"));

        long started = System.nanoTime();
        QemuStartException e = catchThrowableOfType(QemuStartException.class,
                () -> new QemuLauncher(spec, "qemu:arm?machine=no-such-board").start(START));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e).as("a typed start error").isNotNull();
        assertThat(e.stderr()).contains("unsupported machine type");
        assertThat(e.getMessage()).contains("qemu:arm?machine=no-such-board").contains("exited with code 1")
                .contains("unsupported machine type");
        assertThat(took).as("failed on QEMU's exit, not on the timeout").isLessThan(START);
    }

    @Test
    void missingBinaryNamesItAndTheDebianPackages() {
        QemuSpec spec = new QemuSpec("qemu-system-nosucharch", TestFirmware.MACHINE, TestFirmware.elf(), List.of(),
                TestFirmware.workDir("missing-binary"));

        QemuStartException e = catchThrowableOfType(QemuStartException.class,
                () -> new QemuLauncher(spec, "qemu:nosucharch").start(START));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("cannot run qemu-system-nosucharch").contains("qemu-system-arm");
    }

    @Test
    void aQemuThatNeverOpensQmpTimesOutAndIsKilled() throws Exception {
        Path dir = TestFirmware.workDir("hang");
        Path fake = dir.resolve("hanging-qemu.sh");
        // stands for a QEMU stuck before opening its sockets; records its pid so we can check it died
        Files.writeString(fake, "#!/bin/sh\necho $$ > " + dir.resolve("pid") + "\necho stuck >&2\nexec sleep 30\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        QemuSpec spec = new QemuSpec(fake.toString(), TestFirmware.MACHINE, TestFirmware.elf(), List.of(), dir);
        Duration timeout = Duration.ofMillis(800);

        QemuStartException e = catchThrowableOfType(QemuStartException.class,
                () -> new QemuLauncher(spec, "hang").start(timeout));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("timed out after 800 ms").contains("stuck");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("killed").isFalse();
    }

    @Test
    void startsPausedWithQmpReadyAndReapsOnClose() {
        QemuSpec spec = QemuSpec.of("arm", TestFirmware.MACHINE, TestFirmware.elf())
                .withWorkDir(TestFirmware.workDir("paused"));

        QemuProcess qemu = new QemuLauncher(spec, "paused").start(START);
        try {
            assertThat(qemu.qmp().queryStatus(START)).isEqualTo("prelaunch");
            assertThat(qemu.commandLine()).contains("-S", "-nographic");
        } finally {
            qemu.close();
        }
        assertThat(qemu.isAlive()).isFalse();
        qemu.close(); // idempotent
    }
}
