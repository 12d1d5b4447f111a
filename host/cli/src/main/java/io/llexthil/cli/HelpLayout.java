package io.llexthil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The parameter and option lists of every {@code --help}, wrapped only at spaces: picocli's own
 * wrapping also breaks inside URLs, paths and logger names ({@code serial:} / {@code ///dev/...}),
 * which cannot be copied from the terminal then.
 */
final class HelpLayout {
    private static final int MIN_WIDTH = 80;
    private static final int LEFT_MAX = 30;

    private HelpLayout() { }

    /** Installs the layout on {@code cl} and all its subcommands. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> description(help.commandSpec()));
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> table(help.commandSpec()));
        cl.getSubcommands().values().forEach(HelpLayout::install);
    }

    /** The command's description, each of its lines wrapped at spaces (no descriptions use picocli markup). */
    private static String description(CommandLine.Model.CommandSpec spec) {
        int width = Math.max(MIN_WIDTH, spec.usageMessage().width());
        StringBuilder sb = new StringBuilder();
        for (String line : spec.usageMessage().description()) {
            wrap(line, width).forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    private static String table(CommandLine.Model.CommandSpec spec) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                rows.add(new String[] {"  " + p.paramLabel() + (p.isMultiValue() ? "..." : ""), text(p)});
            }
        }
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        options.sort(Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "").toLowerCase(java.util.Locale.ROOT)));
        for (OptionSpec o : options) {
            rows.add(new String[] {names(o), text(o)});
        }
        int width = Math.max(MIN_WIDTH, spec.usageMessage().width());
        int left = Math.min(LEFT_MAX, rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2);
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            List<String> lines = wrap(r[1], width - left - 1);
            String first = r[0];
            if (first.length() > left - 1) {
                sb.append(first).append('\n');
                first = "";
            }
            for (int i = 0; i < Math.max(1, lines.size()); i++) {
                String head = i == 0 ? first : "";
                sb.append(head).append(" ".repeat(left - head.length())).append(i < lines.size() ? lines.get(i) : "")
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code  -v, --verbose} or {@code      --runs-dir=DIR}, aligned as picocli does. */
    private static String names(OptionSpec o) {
        String shortName = null;
        List<String> longNames = new ArrayList<>();
        for (String n : o.names()) {
            if (n.length() == 2 && shortName == null) {
                shortName = n;
            } else {
                longNames.add(n);
            }
        }
        String label = o.typeInfo().isBoolean() ? "" : "=" + o.paramLabel() + (o.isMultiValue() && o.splitRegex().isEmpty() ? "" : "");
        String longPart = String.join(", ", longNames);
        return "  " + (shortName == null ? "    " : shortName + (longPart.isEmpty() ? "" : ", ")) + longPart + label;
    }

    private static String text(ArgSpec a) {
        return String.join(" ", a.description()).strip();
    }

    /** Greedy wrapping at spaces only; a word longer than the column gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
