package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.shell.BoardProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board client against the firmware core on QEMU's mps2-an385 (Cortex-M3), through the QEMU
 * link and the checked-in board profile: 32-bit sizes, real ARM ELF extensions parsed on the
 * target, save -> QMP system_reset -> restore with the counter's data intact.
 */
class QemuCoreBoardIT {

    @TempDir
    Path dir;

    @Test
    void saveResetRestoreOnAnEmulatedCortexM3() throws IOException {
        Path elf = Boards.repoRoot().resolve("firmware/build/qemu-core/llext-hil-core.elf");
        assertThat(elf).as("build the firmware first (needs gcc-arm-none-eabi)").isRegularFile();
        BoardProfile profile = Boards.profile("qemu-mps2-an385-core", null, null);
        try (BoardClient board = Boards.open(profile, dir, AccessMode.READ_WRITE)) {
            BoardInfo info = board.info();
            assertThat(info.arch()).isEqualTo("arm");
            assertThat(info.sizes().pointer()).isEqualTo(4);
            board.ctxErase();
            for (String ext : List.of("producer", "consumer", "counter")) {
                byte[] image = Files.readAllBytes(Boards.repoRoot().resolve("firmware/build/model/ext/arm/" + ext + ".o"));
                assertThat(board.upload(ext, image, UploadProgress.NONE).reply().rc()).isZero();
                assertThat(board.load(ext).rc()).as("load %s", ext).isZero();
            }
            int v1 = board.call("counter", "counter_next").payload().path("value").asInt();
            assertThat(board.ctxSave(List.of()).rc()).isZero();
            long boot = info.bootCount();

            board.reset(Duration.ofSeconds(15)); // QMP system_reset: RAM is gone, the storage is not
            assertThat(board.info().bootCount()).isEqualTo(boot + 1);
            assertThat(board.state().exts()).isEmpty();
            assertThat(board.ctxRestore(List.of()).rc()).isZero();
            assertThat(board.state().exts()).extracting(LlextState.Ext::name)
                    .containsExactly("producer", "consumer", "counter");
            assertThat(board.state().exts().get(1).deps()).containsExactly("producer");
            assertThat(board.call("counter", "counter_next").payload().path("value").asInt()).isEqualTo(v1 + 1);
        }
    }
}
