package io.llexthil.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code sweep}, {@code twin}): run without one, it is a
 * usage error that names the choices, so it exits 2 with the usual "(see: ... --help)" line.
 */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    private final String choose;

    /** @param choose the usage error, e.g. "choose: predict or explore" */
    CommandGroup(String choose) {
        this.choose = choose;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), choose);
    }
}
