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
import java.util.List;

/**
 * {@code sweep heap}: one simulated board per LLEXT heap size (the sim's {@code heap} link option),
 * every extension set of the built-in suite, each point diffed with the twin (docs/twin.md).
 */
@Command(name = "heap", mixinStandardHelpOptions = true,
        description = {"For every extension set of the built-in suite and every LLEXT heap size from the smallest up, in 8-byte",
                "steps: boot the simulated board with that heap, load, save, reset, restore, diff with the twin;",
                "a set ends at the first size where no allocation fails. Needs a sim: link (the heap size is its option)."})
final class HeapSweepCommand extends CampaignCommand {
    @Option(names = "--set", paramLabel = "NAMES", split = ";",
            description = "Extension sets (comma-separated names; several sets separated by ';'). Default: every set of the built-in suite.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--step", paramLabel = "BYTES", defaultValue = "8", description = "Bytes between two heap sizes. Default: ${DEFAULT-VALUE} (one chunk unit).")
    int step;

    @Option(names = "--largest", paramLabel = "BYTES", defaultValue = "65536", description = "Give up on a set past this heap size. Default: ${DEFAULT-VALUE}.")
    int largest;

    // the pooled sweeps take these; this one refuses them with the reason instead of "unknown option"
    @Option(names = {"--pool", "--platform"}, paramLabel = "SPEC", hidden = true, description = "Refused: this sweep runs on one board.")
    List<String> pool = new ArrayList<>();

    @Override
    public Integer call() {
        if (!pool.isEmpty()) {
            throw new ConfigException("--pool/--platform " + String.join(" ", pool) + ": sweep heap runs on one simulated"
                    + " board (it boots a new one per heap size); pools are for run, fuzz, sweep alloc and sweep powercut");
        }
        if (step <= 0 || largest < HeapSizeSweep.SMALLEST) {
            throw new ConfigException("--step " + step + " / --largest " + largest + ": the step must be > 0 and the largest size at least "
                    + HeapSizeSweep.SMALLEST + "; e.g. --step 8 --largest 65536");
        }
        BoardBridge bridge = Cli.bridge();
        BoardProfile base = board.profile(bridge);
        if (base.link() == null || !LinkUrl.parse(base.link()).scheme().equals("sim")) {
            throw new ConfigException("sweep heap: board '" + base.name() + "' (link " + base.link()
                    + ") cannot change its heap size; use the simulated board (--board sim or a sim: --link)");
        }
        List<List<String>> chosen = sets.isEmpty() ? HeapSizeSweep.suiteSets()
                : sets.stream().map(s -> List.of(s.split(","))).toList();
        return execute("sweep-heap", (runner, dir, meas, progress) ->
                new HeapSizeSweep(heap -> runnerAt(bridge, base, heap, dir), step, largest).run(chosen, meas, progress));
    }

    /** A runner on a fresh simulated board with this heap (same flash file, so one board at a time). */
    private ScenarioRunner runnerAt(BoardBridge bridge, BoardProfile base, int heap, Path runDir) {
        String link = LinkUrl.parse(base.link()).with("heap", String.valueOf(heap)).text();
        BoardProfile p = base.toBuilder().link(link).build();
        BoardClient client = bridge.open(p, runDir, AccessMode.READ_WRITE);
        Path fw = output.firmwareBuild != null ? output.firmwareBuild : ImageLibrary.defaultFirmwareBuild();
        return new ScenarioRunner(client, new TwinSessions(), output.profile, new ImageLibrary(fw),
                new StandardResetDriver(bridge.firmwareSwitch(p)), RunOptions.defaults(), null);
    }
}
