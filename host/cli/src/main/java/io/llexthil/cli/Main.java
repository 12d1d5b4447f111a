package io.llexthil.cli;

import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.scenario.ScenarioFileException;
import io.llexthil.link.qemu.QemuStartException;
import io.llexthil.shell.inventory.InventoryException;
import io.llexthil.twin.ScenarioException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code llext-hil}: the command line (docs/cli.md). Exit codes: 0 all agree, 1 divergences or
 * failures, 2 usage or configuration errors — those print one line (no stack trace unless
 * {@code --debug}).
 */
@Command(name = "llext-hil", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Hardware-in-the-loop tests of Zephyr LLEXT context save/restore, diffed against a Java twin.",
                "Start with: llext-hil run   (the built-in suite on the built-in simulated board)",
                "Help on one command: llext-hil help COMMAND, or llext-hil COMMAND --help."},
        subcommands = {RunCommand.class, SweepCommand.class, FuzzCommand.class, DiagCommand.class, ConsoleCommand.class,
                TwinCommand.class, BoardsCommand.class, QemuCommand.class, ReportCommand.class, HelpCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 all agree, 1 divergences or failures, 2 usage or configuration error."})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors, and debug logs.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "More log output on stderr: -v info, -vv debug.")
    boolean[] verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Only errors in the log, and no progress lines; the summary and the exit code stay.")
    boolean quiet;

    @Option(names = "--log", paramLabel = "LOGGER=LEVEL", scope = CommandLine.ScopeType.INHERIT,
            description = "The level of one logger, e.g. io.llexthil.link=debug (repeatable; trace, debug, info, warn, error, off).")
    java.util.List<String> logLevels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try: llext-hil run   (or llext-hil --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this in-process). */
    public static int execute(String... args) {
        Logging logging;
        try {
            logging = Logging.from(args);
        } catch (ConfigException e) {
            Cli.err().println("llext-hil: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        logging.apply();
        Cli.quiet(logging.quiet());
        boolean debug = logging.debug();
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpAutoWidth(true);
        HelpLayout.install(cl);
        cl.setOut(new PrintWriter(Cli.out(), true));
        cl.setErr(new PrintWriter(Cli.err(), true));
        cl.setExitCodeExceptionMapper(e -> ExitCodes.CONFIG);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("llext-hil: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("(see: " + c.getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.CONFIG;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (debug) {
                ex.printStackTrace(Cli.err());
            }
            Cli.err().println("llext-hil: " + describe(ex));
            return isConfigError(ex) ? ExitCodes.CONFIG : ExitCodes.DIVERGED;
        });
        return cl.execute(args);
    }

    /** Configuration and usage errors exit 2; anything else that escapes a command is a failure of the run (1). */
    static boolean isConfigError(Throwable e) {
        return e instanceof ConfigException || e instanceof ScenarioFileException
                || e instanceof InventoryException
                || e instanceof IllegalArgumentException
                || e instanceof ScenarioException
                || e instanceof QemuStartException
                || e instanceof ResetUnavailableException;
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return oneLine(u.getCause());
        }
        return oneLine(e);
    }

    /** The first line of an exception's message (never a stack trace). */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    /** The version from the jar's manifest (or "dev"). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"llext-hil " + (v == null ? "dev" : v)};
        }
    }
}
