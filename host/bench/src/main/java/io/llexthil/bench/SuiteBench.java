package io.llexthil.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built-in suite through the real command line ({@code java -jar llext-hil.jar run}), on each
 * board in alternating rounds: the time the CLI reports for the cases, their verdicts, and how many
 * commands and boots the run took (from its transcript), which give the floor below.
 */
final class SuiteBench {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) cases: (.*); ([0-9.]+) s");

    /** One way to reach a board, as CLI arguments. */
    record Target(String name, List<String> args) {}

    static final class Result {
        final Samples time = new Samples();
        String verdicts = "";
        int commands;
        int boots;
    }

    final Map<Target, Result> results = new LinkedHashMap<>();

    void run(Path repo, Path jar, List<Target> targets, int rounds, Path work, PrintStream log)
            throws IOException, InterruptedException {
        for (Target t : targets) results.put(t, new Result());
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < targets.size(); k++) {
                Target t = targets.get((round + k) % targets.size());
                runOnce(repo, jar, t, work.resolve("suite-" + t.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + round),
                        results.get(t));
                log.print(".");
            }
        }
        log.println();
    }

    private static void runOnce(Path repo, Path jar, Target t, Path out, Result r) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Dllexthil.repo=" + repo, "-jar", jar.toString(), "run",
                "--out", out.toString()));
        cmd.addAll(t.args());
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(t.name() + ": the suite did not finish within 10 minutes");
        }
        Matcher m = SUMMARY.matcher(text);
        if (!m.find()) throw new IOException(t.name() + ": no summary line in the output of " + cmd + ":\n" + text);
        r.time.add((long) (Double.parseDouble(m.group(3)) * 1e9));
        r.verdicts = m.group(1) + " cases: " + m.group(2);
        countTranscript(out, r);
    }

    /** Commands typed and boots seen, from the board's decoded transcript ({@code <board>.log}). */
    private static void countTranscript(Path out, Result r) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(SuiteBench::isBoardTranscript).toList()) {
                int commands = 0;
                int boots = 0;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.contains(" TX ")) commands++;
                    else if (line.contains(" RX ") && line.contains("*** Booting Zephyr OS build")) boots++;
                }
                r.commands = commands;
                r.boots = boots;
            }
        }
    }

    private static boolean isBoardTranscript(Path f) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".log") || n.endsWith(".raw.log") || n.contains(".sim.")) return false;
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.limit(50).anyMatch(l -> l.contains(" TX "));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
