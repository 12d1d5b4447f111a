package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.Inventory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A board bridge that knows one more board, "deaf": the simulated board with a prompt it never
 * prints, so its ready wait fails for real (after 2 s).
 */
final class DeafBoard {
    private DeafBoard() { }

    /** Makes the command line use the bridge with "deaf", printing into {@code out} and {@code err}. */
    static void install(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        BoardBridge real = new DefaultBoardBridge();
        BoardBridge withDeaf = new BoardBridge() {
            public BoardProfile profile(String board, Path hardwareMap, String link) {
                if ("deaf".equals(board)) {
                    return real.profile("sim", hardwareMap, link).toBuilder().id("deaf")
                            .prompt("never-this-prompt$ ").readyTimeout(Duration.ofSeconds(2)).build();
                }
                return real.profile(board, hardwareMap, link);
            }

            public Inventory inventory(Path hardwareMap) { return real.inventory(hardwareMap); }

            public BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) { return real.open(profile, runDir, mode); }

            public StandardResetDriver.FirmwareSwitch firmwareSwitch(BoardProfile profile) {
                return real.firmwareSwitch(profile);
            }
        };
        Cli.use(withDeaf, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
