package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.BrokenBoard;
import io.llexthil.shell.inventory.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "boards", mixinStandardHelpOptions = true,
        description = "List the board inventory (boards/*.yaml and the hardware map) and check each board is reachable (read-only: info).")
final class BoardsCommand implements Callable<Integer> {
    @Option(names = "--hardware-map", paramLabel = "FILE", description = "A twister hardware map to include.")
    Path hardwareMap;

    @Option(names = "--no-check", description = "Only list; do not connect.")
    boolean noCheck;

    @Option(names = "--scan", description = "List this machine's serial ports (by-id path, USB VID:PID, serial number,"
            + " description) instead of the inventory.")
    boolean scan;

    @Option(names = "--generate-hardware-map", paramLabel = "FILE",
            description = "Write the scanned serial ports as a twister hardware map (west twister --generate-hardware-map"
                    + " format) for --hardware-map; fill in each platform.")
    Path generateMap;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs", description = "Parent of the run directory <timestamp>-boards/ with the transcripts of the checks. Default: ${DEFAULT-VALUE}.")
    Path runsDir;

    @Override
    public Integer call() {
        if (scan || generateMap != null) {
            return PortScan.run(generateMap);
        }
        BoardBridge bridge = Cli.bridge();
        Inventory inventory = bridge.inventory(hardwareMap);
        List<BoardProfile> boards = inventory.boards();
        Path dir = noCheck || boards.isEmpty() ? null : RunDirs.create(runsDir, null, "boards");
        int nameWidth = Math.max(5, Stream.concat(boards.stream().map(BoardProfile::name),
                inventory.broken().stream().map(BoardsCommand::name)).mapToInt(String::length).max().orElse(5));
        String fmt = "%-" + nameWidth + "s  %-9s  %s%n    link: %s%n";
        Cli.out().printf(Locale.ROOT, "%-" + nameWidth + "s  %-9s  %s%n", "board", "reachable", "firmware / problem");
        int unreachable = 0;
        for (BoardProfile p : boards) {
            String status = "-";
            String detail = p.source();
            if (!noCheck) {
                try (BoardClient c = bridge.open(BoardConnect.attaching(p), dir, AccessMode.READ_ONLY)) {
                    BoardInfo i = c.info();
                    status = "yes";
                    detail = i.board() + " fw " + i.firmware() + " build " + i.buildId() + " boot " + i.bootCount();
                } catch (RuntimeException e) {
                    status = "NO";
                    detail = Main.oneLine(e);
                    unreachable++;
                }
            }
            Cli.out().printf(Locale.ROOT, fmt, p.name(), status, detail, p.link() == null ? "(none)" : p.link());
        }
        // a file or map entry that cannot be read is a row with its one-line error, not the end of the list
        for (BrokenBoard b : inventory.broken()) {
            Cli.out().printf(Locale.ROOT, "%-" + nameWidth + "s  %-9s  %s%n", name(b), "BROKEN", b.problem());
        }
        return unreachable == 0 && inventory.broken().isEmpty() ? ExitCodes.OK : ExitCodes.DIVERGED;
    }

    /** How a broken board is shown: the shortest name it is known by. */
    private static String name(BrokenBoard b) {
        return b.names().stream().sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .findFirst().orElse(b.source());
    }
}
