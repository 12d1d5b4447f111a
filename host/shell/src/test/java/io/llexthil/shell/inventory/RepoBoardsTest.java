package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.reset.ResetControls;

/** Every profile shipped in the repository's boards/ directory loads with the documented schema. */
class RepoBoardsTest {
    @Test
    void shippedProfilesLoad() {
        Path boards = Path.of(System.getProperty("llexthil.repo", "../.."), "boards");

        Inventory inv = Inventory.load(null, boards);

        assertThat(inv.boards()).isNotEmpty();
        for (BoardProfile p : inv.boards()) {
            assertThat(p.link()).as(p.source() + ": link").isNotBlank();
            assertThat(ResetControls.forProfile(p)).as(p.source() + ": reset").isNotNull();
            p.consolePatterns(); // every pattern compiles
        }
    }
}
