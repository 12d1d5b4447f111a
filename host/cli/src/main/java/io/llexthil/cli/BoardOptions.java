package io.llexthil.cli;

import io.llexthil.shell.BoardProfile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Board selection, shared by every command that talks to a board. */
public final class BoardOptions {
    @Option(names = "--board", paramLabel = "NAME",
            description = {"Board from the inventory (boards/*.yaml or the hardware map). Default: sim, the built-in simulated board.",
                    "run, fuzz and the sweeps take it several times: a pool of boards (docs/boards.md)."})
    List<String> boards = new ArrayList<>();

    /** The one board named with --board, or null; a command that drives one board refuses several. */
    String board() {
        if (boards.size() > 1) {
            throw new ConfigException("--board given " + boards.size() + " times: only run, fuzz and the sweeps take a pool of boards;"
                    + " give this command one --board");
        }
        return boards.isEmpty() ? null : boards.get(0);
    }

    @Option(names = "--hardware-map", paramLabel = "FILE",
            description = "A twister hardware map (west twister --generate-hardware-map).")
    Path hardwareMap;

    @Option(names = "--link", paramLabel = "URL",
            description = "Connect to this link directly, e.g. serial:///dev/ttyACM0?baud=115200, tcp://127.0.0.1:5555, rfc2217://host:2217.")
    String link;

    /** The selected board's profile (the simulated board when nothing is selected). */
    BoardProfile profile(BoardBridge bridge) {
        return bridge.profile(board(), hardwareMap, link);
    }
}
