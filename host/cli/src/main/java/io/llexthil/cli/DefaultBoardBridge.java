package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.shell.inventory.Inventory;
import io.llexthil.shell.inventory.InventoryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The board layer ({@link Boards}) as the CLI uses it. */
final class DefaultBoardBridge implements BoardBridge {

    @Override
    public BoardProfile profile(String board, Path hardwareMap, String link) {
        if (hardwareMap != null && !Files.isRegularFile(hardwareMap)) {
            throw new ConfigException("--hardware-map " + hardwareMap + ": no such file");
        }
        try {
            return Boards.profile(board, hardwareMap, link);
        } catch (InventoryException | InputFileException e) {
            BoardProfile alone = hardwareMap == null ? aloneDespiteBrokenNeighbour(board, link, e) : null;
            if (alone != null) {
                return alone;
            }
            if (board != null && e.getMessage() != null && e.getMessage().contains("no board named")) {
                throw new ConfigException("--board " + board + ": " + Main.oneLine(e)
                        + "; describe it in boards/" + board + ".yaml (docs/boards.md), or use --hardware-map or --link", e);
            }
            throw e;
        }
    }

    /**
     * One malformed {@code boards/*.yaml} must not block the other boards: when the inventory
     * cannot be read because of another file, the board's own {@code boards/NAME.yaml} is read
     * alone (with a warning naming the broken file). Null when that does not apply.
     */
    private static BoardProfile aloneDespiteBrokenNeighbour(String board, String link, RuntimeException broken) {
        if (board == null && link != null) {
            return null; // a bare link needs no inventory
        }
        String name = board == null ? Boards.DEFAULT_BOARD : board;
        Path boardsDir = Boards.repoRoot().resolve("boards");
        Path own = Files.isRegularFile(boardsDir.resolve(name + ".yaml")) ? boardsDir.resolve(name + ".yaml")
                : boardsDir.resolve(name + ".yml");
        String problem = String.valueOf(broken.getMessage());
        if (!Files.isRegularFile(own) || problem.startsWith(own.toString())) {
            return null;
        }
        BoardProfile p = Inventory.loadProfile(own);
        if (!p.name().equals(name) && !p.id().equals(name)) {
            return null;
        }
        Cli.err().println("llext-hil: warning: " + Main.oneLine(broken) + " (that file is skipped; " + own.getFileName()
                + " is read alone)");
        return link == null ? p : p.toBuilder().link(link).build();
    }

    @Override
    public List<BoardProfile> inventory(Path hardwareMap) {
        Path boardsDir = Boards.repoRoot().resolve("boards");
        try {
            return Inventory.load(hardwareMap, Files.isDirectory(boardsDir) ? boardsDir : null).boards();
        } catch (InventoryException | InputFileException e) {
            if (hardwareMap != null || !Files.isDirectory(boardsDir)) {
                throw e;
            }
            return eachAlone(boardsDir);
        }
    }

    /** Every profile file that can be read on its own; each broken one gets a warning line. */
    private static List<BoardProfile> eachAlone(Path boardsDir) {
        List<BoardProfile> boards = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(boardsDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try {
                    boards.add(Inventory.loadProfile(f));
                } catch (InventoryException | InputFileException broken) {
                    Cli.err().println("llext-hil: warning: " + Main.oneLine(broken) + " (that board is left out)");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(boardsDir + ": cannot list the board profiles: " + e.getMessage(), e);
        }
        return boards;
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
