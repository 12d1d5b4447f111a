package io.llexthil.cli;

import io.llexthil.campaign.run.ImageLibrary;
import io.llexthil.campaign.run.Preflight;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a run's reports go and which twin profile it is diffed against. */
public final class RunOutputOptions {
    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "upstream",
            description = "Twin profile: upstream (what Zephyr's code does) or contract (what its documentation promises). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent of the run directory <timestamp>-<command>/. Default: ${DEFAULT-VALUE}.")
    Path runsDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Use exactly this run directory (must not exist).")
    Path out;

    @Option(names = "--firmware-build", paramLabel = "DIR",
            description = "Firmware build directory with the sample extensions (model/ext/<arch>/*.o). Default: ./firmware/build.")
    Path firmwareBuild;

    /** A new run directory for {@code command} where these options say. */
    Path createRunDirectory(String command) {
        return RunDirs.create(runsDir, out, command);
    }

    /** Where the sample extensions are: {@code --firmware-build}, or the default. */
    Path firmwareBuild() {
        return firmwareBuild != null ? firmwareBuild : ImageLibrary.defaultFirmwareBuild();
    }

    /** Refuses extension names of a sweep or fuzz option that the board cannot have or that have no image. */
    void checkExtensions(String option, java.util.List<String> names) {
        new Preflight(new ImageLibrary(firmwareBuild())).checkBuiltins(option, names);
    }

    void check() {
        if (!profile.equals("upstream") && !profile.equals("contract")) {
            throw new ConfigException("--profile " + profile + ": unknown twin profile; use upstream or contract");
        }
    }
}
