package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.llexthil.shell.BoardProfile;

/** Every profile shipped in the repository's boards/ directory loads with the documented schema. */
class RepoBoardsTest {
    @Test
    void shippedProfilesLoad() {
        Path boards = Path.of(System.getProperty("llexthil.repo", "../.."), "boards");

        Inventory inv = Inventory.load(null, boards);

        assertThat(inv.boards()).isNotEmpty();
        for (BoardProfile p : inv.boards()) {
            assertThat(p.link()).as(p.source() + ": link").isNotBlank();
            assertThat(p.reset().method()).as(p.source() + ": reset").isIn("command", "pulse", "hard", "external", "none");
            p.consolePatterns(); // every pattern compiles
        }
    }
}
