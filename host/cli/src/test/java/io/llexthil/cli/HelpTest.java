package io.llexthil.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Help that a new user can learn from: {@code llext-hil help COMMAND}, a description for every
 * option and parameter of every command, and one value-name convention: an upper-case word for
 * the kind of value (NAME, FILE, DIR, URL, N, SECONDS, ...), as in {@code --runs-dir=DIR}.
 */
class HelpTest extends CliHarness {
    /** The convention: upper case, digits, and the separators of compound labels (LOGGER=LEVEL). */
    private static final Pattern VALUE_NAME = Pattern.compile("[A-Z][A-Z0-9]*([=_-][A-Z][A-Z0-9]*)*");

    private static List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandSpec> all) {
        all.add(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(c -> collect(c, all));
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        assertThat(run("help", "run")).isZero();
        assertThat(stdout()).contains("Usage: llext-hil run").contains("--runs-dir=DIR");
        out.reset();
        assertThat(run("help", "sweep", "alloc")).isZero();
        assertThat(stdout()).contains("Usage: llext-hil sweep alloc").contains("--max-k=N");
    }

    /** Every option and positional parameter of every command, as "command arg" with the arg. */
    private static java.util.Map<String, ArgSpec> allArgs() {
        java.util.Map<String, ArgSpec> all = new java.util.LinkedHashMap<>();
        for (CommandSpec spec : allCommands()) {
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            args.forEach(a -> all.put(spec.qualifiedName() + " " + a, a));
        }
        return all;
    }

    @Test
    void everyOptionAndParameterHasADescriptionBeyondItsDefault() {
        List<String> missing = new ArrayList<>();
        allArgs().forEach((where, a) -> {
            if (String.join(" ", a.description()).replaceAll("Default: [^.]*\\.?", "").isBlank()) {
                missing.add(where);
            }
        });
        assertThat(missing).as("options and parameters without a description").isEmpty();
    }

    @Test
    void valueNamesFollowOneConvention() {
        List<String> off = new ArrayList<>();
        allArgs().forEach((where, a) -> {
            boolean takesValue = !a.typeInfo().isBoolean() && a.arity().max() > 0;
            if (takesValue && !VALUE_NAME.matcher(a.paramLabel()).matches()) {
                off.add(where + " -> " + a.paramLabel());
            }
        });
        assertThat(off).as("value names that are not an upper-case word").isEmpty();
    }

    @Test
    void helpIsWrappedAtSpacesOnly() {
        assertThat(run("run", "--help")).isZero();
        // picocli alone breaks "serial:///dev/ttyACM0" after "serial:" and "io.llexthil.link" after a dot
        assertThat(stdout()).contains("serial:///dev/ttyACM0?baud=115200").contains("io.llexthil.link=debug")
                .contains("./firmware/build");
        out.reset();
        // a command's own description too: picocli alone printed "summary.\ntxt"
        assertThat(run("report", "rebuild", "--help")).isZero();
        assertThat(stdout()).contains("summary.txt").contains("report.json")
                .contains("Write the reports of a killed run (SIGKILL, a CI timeout) from its case journal.\n");
        assertThat(stdout().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void helpWrapsLongTextWithoutLosingWords() {
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen";
        List<String> lines = HelpLayout.wrap(text, 20);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(20));
        assertThat(String.join(" ", lines)).isEqualTo(text);
    }
}
