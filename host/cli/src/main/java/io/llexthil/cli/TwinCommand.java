package io.llexthil.cli;

import io.llexthil.shell.input.BoundedFiles;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.twin.Explorer;
import io.llexthil.twin.Profile;
import io.llexthil.twin.Scenario;
import io.llexthil.twin.Twin;
import io.llexthil.twin.TwinJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "twin", mixinStandardHelpOptions = true,
        description = "The Java twin of Zephyr's llext_relink_dependency/llext_restore alone, without a board (docs/twin.md).",
        subcommands = {TwinCommand.Predict.class, TwinCommand.Explore.class})
final class TwinCommand extends CommandGroup {
    TwinCommand() {
        super("choose: predict or explore");
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict the outcome of a twin scenario (JSON).")
    static final class Predict implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A twin scenario in JSON (docs/twin.md).")
        Path file;

        @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "upstream", description = "Twin profile: upstream, upstream-optimised, contract, or both (a JSON array of upstream and contract). Default: ${DEFAULT-VALUE}.")
        String profile;

        @Override
        public Integer call() {
            if (!List.of("upstream", "upstream-optimised", "contract", "both").contains(profile)) {
                throw new ConfigException("--profile: unknown profile '" + profile
                        + "'; use upstream, upstream-optimised, contract or both");
            }
            Scenario s;
            try {
                s = TwinJson.readScenario(BoundedFiles.readText(file, BoundedFiles.TEXT_LIMIT, "twin scenario"));
            } catch (InputFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConfigException(file + ": " + Main.oneLine(e) + " (the format is in docs/twin.md)", e);
            }
            if (profile.equals("both")) {
                Cli.out().println(TwinJson.write(new Object[] {Twin.predict(s, Profile.UPSTREAM), Twin.predict(s, Profile.CONTRACT)}));
            } else {
                Cli.out().println(TwinJson.write(Twin.predict(s, Profile.parse(profile))));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "explore", mixinStandardHelpOptions = true,
            description = "Explore every small configuration and report where upstream and the contract differ.")
    static final class Explore implements Callable<Integer> {
        @Option(names = "--max-ext", paramLabel = "N", defaultValue = "3", description = "Explore configurations of up to N extensions. Default: ${DEFAULT-VALUE}.")
        int maxExt;

        @Option(names = "--json", description = "JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            Explorer.Report report = new Explorer(maxExt).run();
            Cli.out().print(json ? TwinJson.write(report) + "\n" : report.render());
            return ExitCodes.OK;
        }
    }
}
