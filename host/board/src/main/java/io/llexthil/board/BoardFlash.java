package io.llexthil.board;

import io.llexthil.shell.FlashConfig;
import io.llexthil.shell.ShellException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Flashing before a run, as twister's {@code --device-testing --flash-before} does: the board's
 * flash step on a build directory, the new boot, and a check that the build id the board reports
 * changed (a flash that did not take is an error, not a run on the old firmware).
 */
public final class BoardFlash {
    private BoardFlash() { }

    /** Flashes {@code buildDir} and returns the build id the board reports afterwards. */
    public static String flash(BoardClient client, FlashConfig flash, Path buildDir, Duration readyTimeout) {
        if (!Files.isDirectory(buildDir)) {
            throw new IllegalArgumentException("--flash " + buildDir + ": no such build directory; give the"
                    + " directory west build wrote (e.g. build/)");
        }
        String before = client.info().buildId();
        client.lifecycle().flash(flash.argvFor(buildDir), flash.timeout(), readyTimeout);
        String after = client.info().buildId();
        if (after.equals(before)) {
            throw new ShellException(client.boardName(), "flash", "flashed " + buildDir + " but the board still"
                    + " reports build " + before + " after its reboot: the flash step did not take (check the"
                    + " board's flash: or runner: entry, docs/boards.md)", "", null);
        }
        return after;
    }
}
