package io.llexthil.bench;

import io.llexthil.twin.Explorer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end measurements of docs/performance.md, side by side in one run, printed as one
 * table with ratios. {@code --short} is CI's proof that the suite works (few rounds, small
 * sizes); the numbers of a short run are not worth comparing. Nothing is asserted: a benchmark
 * reports, it does not pass or fail.
 *
 * <pre>java -cp ... io.llexthil.bench.BenchMain [--short] [--only command,boot,suite,explore,fuzz] [--qemu]</pre>
 */
public final class BenchMain {
    private final PrintStream out = System.out;
    private final Path repo;
    private final Path work;
    private final boolean quick;
    private final List<String> only;
    private final boolean qemu;

    private BenchMain(Path repo, Path work, boolean quick, List<String> only, boolean qemu) {
        this.repo = repo;
        this.work = work;
        this.quick = quick;
        this.only = only;
        this.qemu = qemu;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean qemu = false;
        List<String> only = List.of("command", "boot", "suite", "explore", "fuzz");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> quick = true;
                case "--qemu" -> qemu = true;
                case "--only" -> only = List.of(args[++i].split(","));
                default -> {
                    System.err.println("bench: unknown argument '" + args[i]
                            + "'; use [--short] [--only command,boot,suite,explore,fuzz] [--qemu]");
                    System.exit(2);
                }
            }
        }
        Path repo = Path.of(System.getProperty("llexthil.repo", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("llext-hil-bench");
        new BenchMain(repo, work, quick, only, qemu).run();
    }

    private void run() throws Exception {
        Path sim = repo.resolve("firmware/build/sim/llext-hil-sim");
        Path jar = repo.resolve("host/cli/target/llext-hil.jar");
        List<String[]> rows = new ArrayList<>();
        out.println("llext-hil bench" + (quick ? " (short mode: proves the suite runs; too few samples to compare)" : "")
                + ", work directory " + work);

        Samples rawBoot = new Samples();
        CommandPathBench path = new CommandPathBench();
        if (only.contains("command") || only.contains("suite")) {
            out.print("command path ");
            path.run(sim, work, quick ? 2 : 10, quick ? 20 : 200, quick ? 200 : 20_000, out);
            rows.add(row("hil state: raw socket write + read to the prompt", path.raw.micros(), "1.0x (floor)"));
            rows.add(row("hil state: shell session exec", path.shell.micros(), path.shell.ratioTo(path.raw) + " raw"));
            rows.add(row("hil state: board client state() (id, CRC, JSON)", path.client.micros(),
                    path.client.ratioTo(path.raw) + " raw"));
            if (path.pexpectMissing == null) {
                rows.add(row("hil state: pexpect.fdpexpect on a socket", path.pexpect.micros(),
                        path.pexpect.ratioTo(path.raw) + " raw; board client "
                                + String.format(Locale.ROOT, "%.1fx", (double) path.pexpect.median() / path.client.median())
                                + " faster"));
            } else {
                rows.add(row("hil state: pexpect.fdpexpect on a socket", "not run", path.pexpectMissing));
            }
        }
        if (only.contains("boot") || only.contains("suite")) {
            for (int i = 0; i < (quick ? 3 : 15); i++) rawBoot.add(bootOnce(sim));
            rows.add(row("sim boot: process start to first prompt (raw)", rawBoot.micros(), "floor of a restart"));
        }
        if (only.contains("suite")) {
            out.print("built-in suite ");
            List<SuiteBench.Target> targets = new ArrayList<>(List.of(
                    new SuiteBench.Target("sim profile", List.of("--board", "sim")),
                    new SuiteBench.Target("bare sim: link", List.of("--link",
                            "sim:?flash=${run}/sim.flash&transport=tcp&profile=upstream"))));
            if (qemu) targets.add(new SuiteBench.Target("QEMU core board", List.of("--board", "qemu-mps2-an385-core")));
            SuiteBench suite = new SuiteBench();
            suite.run(repo, jar, targets, quick ? 1 : 5, work, out);
            SuiteBench.Result profile = suite.results.get(targets.get(0));
            for (var e : suite.results.entrySet()) {
                SuiteBench.Result r = e.getValue();
                String floor = "";
                if (!e.getKey().name().startsWith("QEMU")) {
                    double f = (r.commands * (double) path.raw.median() + r.boots * (double) rawBoot.median()) / 1e9;
                    floor = String.format(Locale.ROOT, "; floor %.2f s (%d commands x raw, %d boots x raw boot): %.1fx",
                            f, r.commands, r.boots, r.time.median() / 1e9 / f);
                }
                String vsProfile = r == profile ? "" : "; " + r.time.ratioTo(profile.time) + " the sim profile";
                rows.add(row("built-in suite, " + e.getKey().name(), r.time.seconds(), r.verdicts + floor + vsProfile));
            }
        }
        if (only.contains("explore")) {
            int maxExt = quick ? 3 : 5;
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Explorer.Report report = new Explorer(maxExt).run();
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            rows.add(row("twin explore --max-ext " + maxExt, String.format(Locale.ROOT, "%.1f s wall", wall / 1e9),
                    String.format(Locale.ROOT, "%.1f s CPU; %s", cpu / 1e9, oneLine(report))));
        }
        if (only.contains("fuzz")) {
            int count = quick ? 20 : 1000;
            out.println("fuzz --count " + count + " ...");
            FuzzBench fuzz = new FuzzBench();
            fuzz.run(repo, count, work);
            rows.add(row("fuzz --count " + count + ": peak RSS", fuzz.peakRssKib / 1024 + " MiB",
                    String.format(Locale.ROOT, "%.0f s; %s", fuzz.seconds, fuzz.summary.strip())));
            rows.add(row("fuzz --count " + count + ": live heap after GC", "max " + fuzz.liveMaxMib() + " MiB",
                    "growth " + fuzz.liveGrowthMib() + " MiB over the run (" + fuzz.liveAfterGcMib.size() + " collections)"));
            rows.add(row("fuzz --count " + count + ": reports", kib(fuzz.htmlBytes) + " HTML", kib(fuzz.jsonBytes) + " JSON"));
        }
        print(rows);
    }

    /** Start a sim, connect, read to its first prompt; the process is killed afterwards. */
    private long bootOnce(Path sim) throws IOException {
        long t0 = System.nanoTime();
        try (SimServer s = SimServer.start(sim, work); RawSocketShell shell = new RawSocketShell(s.port())) {
            return System.nanoTime() - t0;
        }
    }

    private static String oneLine(Explorer.Report r) {
        return r.graphs() + " graphs, " + r.scenarios() + " scenarios, " + r.predictions() + " predictions, "
                + r.findings().size() + " findings";
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String kib(long bytes) {
        return bytes < 0 ? "none" : String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static String[] row(String what, String measured, String ratio) { return new String[] {what, measured, ratio}; }

    private void print(List<String[]> rows) {
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(4);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(4);
        String fmt = "| %-" + w0 + "s | %-" + w1 + "s | %s |%n";
        out.println();
        out.printf(Locale.ROOT, fmt, "what", "median (spread)", "ratio / notes");
        out.printf(Locale.ROOT, fmt, "-".repeat(w0), "-".repeat(w1), "---");
        for (String[] r : rows) out.printf(Locale.ROOT, fmt, r[0], r[1], r[2]);
    }
}
