package io.llexthil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code llext-hil help [COMMAND [SUBCOMMAND]]}: the help of any command, nested ones included
 * ({@code help sweep alloc}); picocli's own help command stops at the first level.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command, e.g. llext-hil help run, llext-hil help sweep alloc.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to explain.")
    List<String> path = new ArrayList<>();

    private CommandLine parent;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.parent = helpCommandLine.getParent();
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = parent;
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(target, "help: unknown command '" + String.join(" ", path)
                        + "'; the commands are: " + String.join(", ", target.getSubcommands().keySet()));
            }
            target = sub;
        }
        target.usage(out);
    }
}
