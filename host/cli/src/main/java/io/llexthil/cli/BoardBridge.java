package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.Inventory;

import java.nio.file.Path;

/** What the CLI needs from the board layer; {@link DefaultBoardBridge} is the real one, tests may pass others. */
public interface BoardBridge {

    /** Resolves {@code --board/--hardware-map/--link} (default: the built-in simulated board). */
    BoardProfile profile(String board, Path hardwareMap, String link);

    /**
     * Every board of the inventory ({@code boards/*.yaml} plus the hardware map); files and map
     * entries that cannot be used are in {@link Inventory#broken()}.
     */
    Inventory inventory(Path hardwareMap);

    /** Connects and waits until the board is ready; transcripts go under {@code runDir}. */
    BoardClient open(BoardProfile profile, Path runDir, AccessMode mode);

    /** How this board boots another firmware build without a flash command (boards the link starts itself). */
    StandardResetDriver.FirmwareSwitch firmwareSwitch(BoardProfile profile);
}
