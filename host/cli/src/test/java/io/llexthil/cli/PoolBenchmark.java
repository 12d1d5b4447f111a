package io.llexthil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time of the built-in suite on one simulated board against a pool of simulated boards, side
 * by side in one JVM (the pool first, then one board, then the pool again, so neither profits
 * alone from a warm JVM). Prints one line per pool size with the ratio and the machine's cores.
 * A benchmark, not a test: it asserts nothing.
 *
 * <p>Run (after building the firmware): {@code mvn -q -pl host/cli test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.llexthil.cli.PoolBenchmark -Dexec.args=4}
 */
public final class PoolBenchmark {
    public static void main(String[] args) throws Exception {
        int boards = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path dir = Files.createTempDirectory("pool-bench");
        long warm = millis(dir.resolve("warm"), "--pool", "sim:" + boards);
        long one = millis(dir.resolve("one"));
        long pool = millis(dir.resolve("pool"), "--pool", "sim:" + boards);
        int cases = new ObjectMapper().readTree(dir.resolve("one/report.json").toFile()).path("cases").size();
        System.out.printf("pool benchmark: built-in suite (%d cases) on %d cores: one board %d ms, sim:%d %d ms"
                        + " (first pool run %d ms), ratio %.2f%n",
                cases, Runtime.getRuntime().availableProcessors(), one, boards, pool, warm, (double) pool / one);
    }

    private static long millis(Path out, String... pool) throws Exception {
        String[] args = new String[3 + pool.length];
        args[0] = "run";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(pool, 0, args, 3, pool.length);
        int rc = Main.execute(args);
        if (rc != 0) {
            throw new IllegalStateException("llext-hil " + String.join(" ", args) + " exited with " + rc);
        }
        return new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("millis").asLong();
    }
}
