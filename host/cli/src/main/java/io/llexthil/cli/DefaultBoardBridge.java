package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.BrokenBoard;
import io.llexthil.shell.inventory.Inventory;
import io.llexthil.shell.inventory.InventoryException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The board layer ({@link Boards}) as the CLI uses it. */
final class DefaultBoardBridge implements BoardBridge {
    /** Problems already warned about: a pool resolves one profile per board, the warning comes once. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public BoardProfile profile(String board, Path hardwareMap, String link) {
        requireExisting(hardwareMap);
        if (board == null && hardwareMap == null && link != null) {
            return Boards.profile(null, null, link); // a bare link needs no inventory
        }
        Inventory inventory = Boards.inventory(hardwareMap);
        try {
            BoardProfile profile = Boards.pick(inventory, board, link);
            warnAboutBroken(inventory, warned);
            return profile;
        } catch (InventoryException e) {
            if (board != null && e.getMessage() != null && e.getMessage().startsWith("no board named")) {
                throw new ConfigException("--board " + board + ": " + Main.oneLine(e)
                        + "; describe it in boards/" + board + ".yaml (docs/boards.md), or use --hardware-map or --link", e);
            }
            throw e;
        }
    }

    /**
     * One malformed {@code boards/*.yaml} or map entry must not block the other boards: it is left
     * out, with one warning line each, and only asking for it is an error.
     */
    static void warnAboutBroken(Inventory inventory, Set<String> already) {
        for (BrokenBoard b : inventory.broken()) {
            if (already.add(b.problem())) Cli.err().println("llext-hil: warning: " + b.problem() + " (that board is left out)");
        }
    }

    @Override
    public Inventory inventory(Path hardwareMap) {
        requireExisting(hardwareMap);
        return Boards.inventory(hardwareMap);
    }

    /** A missing map is named as the option; anything else (a directory, a device) the reader explains. */
    private static void requireExisting(Path hardwareMap) {
        if (hardwareMap != null && !Files.exists(hardwareMap)) {
            throw new ConfigException("--hardware-map " + hardwareMap + ": no such file");
        }
    }

    @Override
    public BoardClient open(BoardProfile profile, Path runDir, AccessMode mode) {
        return new ReconnectingBoardClient(Boards.open(profile, runDir, mode), runDir);
    }

    /** A board the link starts itself boots another build by being started again ({@link RelaunchFirmwareSwitch}). */
    @Override
    public StandardResetDriver.FirmwareSwitch firmwareSwitch(BoardProfile profile) {
        return new RelaunchFirmwareSwitch(profile);
    }
}
