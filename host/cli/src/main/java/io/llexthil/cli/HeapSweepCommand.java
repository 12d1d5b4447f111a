package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.RunOptions;
import io.llexthil.campaign.run.ScenarioRunner;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.campaign.sweep.HeapSizeSweep;
import io.llexthil.campaign.twin.TwinSessions;
import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code sweep heap}: one simulated board per LLEXT heap size (the sim's {@code heap} link option),
 * every extension set of the built-in suite, each point diffed with the twin (docs/twin.md). On a
 * pool each member boots its points' boards in its own directory.
 */
@Command(name = "heap", mixinStandardHelpOptions = true,
        description = {"For every extension set of the built-in suite and every LLEXT heap size from the smallest up, in 8-byte",
                "steps: boot the simulated board with that heap, load, save, reset, restore, diff with the twin;",
                "a set ends at the first size where no allocation fails. Needs a sim: link (the heap size is its option).",
                "On a pool (--pool sim:4) the sizes run in parallel, in order, each on one board."})
final class HeapSweepCommand extends PooledSweepCommand {
    @Option(names = "--set", paramLabel = "NAMES", split = ";",
            description = "Extension sets (comma-separated names; several sets separated by ';'). Default: every set of the built-in suite.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--step", paramLabel = "BYTES", defaultValue = "8", description = "Bytes between two heap sizes. Default: ${DEFAULT-VALUE} (one chunk unit).")
    int step;

    @Option(names = "--largest", paramLabel = "BYTES", defaultValue = "65536", description = "Give up on a set past this heap size. Default: ${DEFAULT-VALUE}.")
    int largest;

    @Override
    public Integer call() {
        if (step <= 0 || largest < HeapSizeSweep.SMALLEST) {
            throw new ConfigException("--step " + step + " / --largest " + largest + ": the step must be > 0 and the largest size at least "
                    + HeapSizeSweep.SMALLEST + "; e.g. --step 8 --largest 65536");
        }
        List<List<String>> chosen = sets.isEmpty() ? HeapSizeSweep.suiteSets()
                : sets.stream().map(s -> List.of(s.split(","))).toList();
        if (new LinkedHashSet<>(chosen).size() < chosen.size()) {
            throw new ConfigException("--set " + String.join(";", sets) + ": a set is named twice; name each set once");
        }
        HeapSizeSweep sweep = new HeapSizeSweep(step, largest);
        BoardBridge bridge = Cli.bridge();
        List<List<PooledCampaign.CaseSpec>> sequences = chosen.stream().map(set -> sweep.points(set).stream()
                .map(p -> new PooledCampaign.CaseSpec(p.name(), "sweep-heap",
                        (board, dir) -> sweep.point(p, heap -> runnerAt(bridge, board.member().profile(), heap, board.dir())),
                        HeapSizeSweep::pointEnds)).toList()).toList();
        return executeSweeps("sweep-heap", sequences, (points, meas, stopped) -> sweep.finish(chosen, points, meas, stopped));
    }

    /** Every board of the pool must be simulated: only the sim takes its heap size as an option. */
    @Override
    void checkBoard(BoardProfile p) {
        if (p.link() == null || !LinkUrl.parse(p.link()).scheme().equals("sim")) {
            throw new ConfigException("sweep heap: board '" + p.name() + "' (link " + p.link()
                    + ") cannot change its heap size; use the simulated board (--board sim, --pool sim:N or a sim: --link)");
        }
    }

    /** A runner on a fresh simulated board with this heap, in the pool member's directory (its flash file). */
    private ScenarioRunner runnerAt(BoardBridge bridge, BoardProfile base, int heap, Path dir) {
        String link = LinkUrl.parse(base.link()).with("heap", String.valueOf(heap)).text();
        BoardProfile p = base.toBuilder().link(link).build();
        BoardClient client = bridge.open(p, dir, AccessMode.READ_WRITE);
        Path fw = output.firmwareBuild != null ? output.firmwareBuild : ImageLibrary.defaultFirmwareBuild();
        return new ScenarioRunner(client, new TwinSessions(), output.profile, new ImageLibrary(fw),
                new StandardResetDriver(bridge.firmwareSwitch(p)), RunOptions.defaults(), null);
    }
}
