package io.llexthil.cli;

import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.Preflight;
import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenarios on a board and in the twin, and diff every step.",
                "Without files: the built-in suite (docs/scenarios.md) on the built-in simulated board."})
final class RunCommand extends PooledCommand {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Scenario YAML files (default: the built-in suite).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Run only the scenarios with these names.")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "NAME", split = ",",
            description = "Leave out the scenarios with these names (e.g. restore-other-build on a board that cannot switch builds).")
    List<String> skip = new ArrayList<>();

    @Override
    public Integer call() {
        // every scenario is parsed before anything touches the board or the disk
        List<HilScenario> scenarios = new ArrayList<>(files.isEmpty() ? BuiltInSuite.load()
                : files.stream().map(ScenarioLoader::load).toList());
        new Preflight(new ImageLibrary(output.firmwareBuild())).check(scenarios);
        List<String> known = scenarios.stream().map(HilScenario::name).toList();
        for (String o : concat(only, skip)) {
            if (!known.contains(o)) {
                throw new ConfigException((only.contains(o) ? "--only " : "--skip ") + o + ": no such scenario; known: "
                        + String.join(", ", known));
            }
        }
        if (!only.isEmpty()) {
            scenarios.removeIf(s -> !only.contains(s.name()));
        }
        scenarios.removeIf(s -> skip.contains(s.name()));
        if (scenarios.isEmpty()) {
            throw new ConfigException("no scenario left to run after --only/--skip");
        }
        if (board.boards.isEmpty() && board.link == null && pool.specs.isEmpty()) {
            // a scenario may name its board; the command line wins
            List<String> asked = scenarios.stream().map(HilScenario::board).filter(java.util.Objects::nonNull).distinct().toList();
            if (asked.size() > 1) {
                throw new ConfigException("the scenarios ask for different boards (" + String.join(", ", asked)
                        + "); run them separately or choose one with --board");
            }
            if (asked.size() == 1) {
                board.boards.add(asked.get(0));
            }
        }
        Map<String, Object> meas = new LinkedHashMap<>();
        if (!skip.isEmpty()) {
            meas.put("skipped_by_request", String.join(",", skip));
        }
        return executePooled("run", meas, scenarios.stream().map(s -> new PooledCampaign.CaseSpec(s.name(), "scenario",
                (board, dir) -> board.runner().run(s))).toList());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
