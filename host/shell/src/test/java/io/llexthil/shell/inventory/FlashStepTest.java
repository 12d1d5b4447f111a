package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.FlashConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A board's flash step comes from twister's runner fields or from our flash: key. */
class FlashStepTest {
    @TempDir Path dir;

    private BoardProfile board(String yaml) throws Exception {
        Path map = Files.writeString(dir.resolve("map.yml"), yaml);
        return Inventory.load(map, null).board("b1");
    }

    @Test
    void twistersRunnerFieldsBecomeWestFlash() throws Exception {
        FlashConfig flash = board("""
                - connected: true
                  id: b1
                  serial: /dev/ttyACM0
                  runner: nrfjprog
                  runner_params: [--softreset]
                  flash_timeout: 90
                  flash_before: true
                """).flash();

        assertThat(flash.argvFor(Path.of("/w/build"))).containsExactly("west", "flash", "--build-dir", "/w/build",
                "--runner", "nrfjprog", "--softreset");
        assertThat(flash.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(flash.before()).isTrue();
    }

    @Test
    void ourFlashCommandWinsAndTakesItsOwnTimeout() throws Exception {
        FlashConfig flash = board("""
                - connected: true
                  id: b1
                  serial: /dev/ttyACM0
                  runner: jlink
                  flash: {command: [my-flasher, '${build_dir}/zephyr/zephyr.hex'], timeout: 20s}
                """).flash();

        assertThat(flash.argvFor(Path.of("/b"))).containsExactly("my-flasher", "/b/zephyr/zephyr.hex");
        assertThat(flash.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(flash.before()).isFalse();
    }

    @Test
    void noFlashStepIsNullAndFlashBeforeWithoutOneIsRefused() throws Exception {
        assertThat(board("""
                - connected: true
                  id: b1
                  serial: /dev/ttyACM0
                """).flash()).isNull();
        assertThatThrownBy(() -> board("""
                - connected: true
                  id: b1
                  serial: /dev/ttyACM0
                  flash_before: true
                """)).isInstanceOf(InventoryException.class).hasMessageContaining("flash_before")
                .hasMessageContaining("has no flash step");
    }
}
