package io.llexthil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./llext-hil fuzz} as a user runs it (the launcher's default JVM options), watched from
 * outside: peak resident set
 * (sampled from /proc), the live heap after each garbage collection (from the JVM's GC log) and
 * the size of the reports it leaves.
 */
final class FuzzBench {
    // [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->9M(64M) 3.456ms
    private static final Pattern GC = Pattern.compile("\\bGC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\(");

    long peakRssKib;
    final List<Integer> liveAfterGcMib = new ArrayList<>();
    long htmlBytes;
    long jsonBytes;
    double seconds;
    String summary = "";

    void run(Path repo, int count, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("fuzz-" + count);
        Path gcLog = work.resolve("fuzz-" + count + "-gc.log");
        List<String> cmd = List.of(repo.resolve("llext-hil").toString(), "fuzz", "--seed", "1", "--count",
                String.valueOf(count), "--out", out.toString());
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("fuzz-" + count + ".out").toFile());
        // the launcher passes these to the JVM after its defaults: only a GC log is added
        pb.environment().put("LLEXT_HIL_EXTRA_JAVA_OPTS", "-Xlog:gc:file=" + gcLog);
        Process p = pb.start();
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
            peakRssKib = Math.max(peakRssKib, rssKib(status));
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) {
                p.destroyForcibly();
                throw new IOException("fuzz --count " + count + " did not finish within 30 minutes");
            }
        }
        seconds = (System.nanoTime() - t0) / 1e9;
        List<String> output = Files.readAllLines(work.resolve("fuzz-" + count + ".out"), StandardCharsets.UTF_8);
        summary = output.stream().filter(l -> l.contains(" cases: ")).reduce((a, b) -> b).orElse("exit " + p.exitValue());
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = GC.matcher(line);
            if (m.find()) liveAfterGcMib.add(Integer.parseInt(m.group(2)));
        }
        htmlBytes = size(out.resolve("report.html"));
        jsonBytes = size(out.resolve("report.json"));
    }

    /** Live heap after the collections of the first tenth of the run vs the largest later on. */
    int liveGrowthMib() {
        if (liveAfterGcMib.size() < 2) return 0;
        int early = liveAfterGcMib.subList(0, Math.max(1, liveAfterGcMib.size() / 10)).stream()
                .mapToInt(Integer::intValue).max().orElse(0);
        return liveAfterGcMib.stream().mapToInt(Integer::intValue).max().orElse(0) - early;
    }

    int liveMaxMib() { return liveAfterGcMib.stream().mapToInt(Integer::intValue).max().orElse(0); }

    private static long size(Path f) throws IOException { return Files.exists(f) ? Files.size(f) : -1; }

    private static long rssKib(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // the process is ending: keep what was measured
        }
        return 0;
    }
}
