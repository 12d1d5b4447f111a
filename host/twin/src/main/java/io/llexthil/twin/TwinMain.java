package io.llexthil.twin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny command line, usable before the real CLI exists:
 * {@code predict <scenario.json> [--profile upstream|contract|both]} and
 * {@code explore --max-ext N [--labelled] [--json]}.
 */
public final class TwinMain {
    private TwinMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length >= 2 && args[0].equals("predict")) {
                Scenario s = TwinJson.readScenario(Path.of(args[1]));
                String which = args.length >= 4 && args[2].equals("--profile") ? args[3] : "upstream";
                if (which.equals("both")) {
                    out.println(TwinJson.write(new Object[] {Twin.predict(s, Profile.UPSTREAM),
                            Twin.predict(s, Profile.CONTRACT)}));
                } else {
                    out.println(TwinJson.write(Twin.predict(s, Profile.parse(which))));
                }
                return 0;
            }
            if (args.length >= 3 && args[0].equals("explore") && args[1].equals("--max-ext")) {
                int n = Integer.parseInt(args[2]);
                List<String> flags = Arrays.asList(args).subList(3, args.length);
                boolean json = flags.contains("--json");
                long start = System.nanoTime();
                Explorer.Report report = new Explorer(n, flags.contains("--labelled")).run();
                long ms = (System.nanoTime() - start) / 1_000_000;
                out.print(json ? TwinJson.write(report) + "\n" : report.render());
                err.println("explore --max-ext " + n + ": " + ms + " ms, " + report.predictions() + " predictions, "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                return 0;
            }
            err.println("usage: predict <scenario.json> [--profile upstream|contract|both]\n"
                    + "       explore --max-ext N [--labelled] [--json]");
            return 2;
        } catch (ScenarioException | NumberFormatException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
