package io.llexthil.cli;

import io.llexthil.campaign.report.RunDirectory;

import java.nio.file.Path;

/** A command's new run directory, with the option that chose its place named in any error. */
final class RunDirs {
    private RunDirs() { }

    /**
     * {@code out} exactly when given, else {@code runsDir/<timestamp>-<command>/}.
     *
     * @throws ConfigException the place is a file, not writable, or {@code out} exists
     */
    static Path create(Path runsDir, Path out, String command) {
        try {
            return out != null ? RunDirectory.createExactly(out) : RunDirectory.create(runsDir, command);
        } catch (IllegalArgumentException e) {
            String option = out != null ? "--out" : "--runs-dir";
            throw new ConfigException(e.getMessage().startsWith(option) ? e.getMessage() : option + " " + e.getMessage(), e);
        }
    }
}
