package io.llexthil.cli;

import io.llexthil.campaign.scenario.BuiltInSuite;
import io.llexthil.campaign.scenario.Scenario;
import io.llexthil.campaign.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenarios on a board and in the twin, and diff every step.",
                "Without files: the built-in suite (docs/scenarios.md) on the built-in simulated board."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO.yaml", arity = "0..*", description = "Scenario files (default: the built-in suite).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Run only the scenarios with these names.")
    List<String> only = new ArrayList<>();

    @Mixin
    BoardOptions board = new BoardOptions();

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    @Override
    public Integer call() {
        // every scenario is parsed before anything touches the board or the disk
        List<Scenario> scenarios = new ArrayList<>(files.isEmpty() ? BuiltInSuite.load()
                : files.stream().map(ScenarioLoader::load).toList());
        if (!only.isEmpty()) {
            List<String> known = scenarios.stream().map(Scenario::name).toList();
            for (String o : only) {
                if (!known.contains(o)) {
                    throw new ConfigException("--only " + o + ": no such scenario; known: " + String.join(", ", known));
                }
            }
            scenarios.removeIf(s -> !only.contains(s.name()));
        }
        return CampaignSession.execute("run", board, output, (runner, dir, meas, progress) -> {
            var results = new ArrayList<io.llexthil.campaign.run.CaseResult>();
            for (int i = 0; i < scenarios.size(); i++) {
                progress.caseStarted(scenarios.get(i).name(), i, scenarios.size());
                var r = runner.run(scenarios.get(i));
                progress.caseDone(r);
                results.add(r);
            }
            return results;
        });
    }
}
