package io.llexthil.board;

import io.llexthil.shell.ShellException;
import io.llexthil.testkit.Noise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The long form of {@link NoisyLinkIT} (docs/protocol.md section 8): for every kind of noise,
 * {@code runs} seeded runs of {@code cases} full cases against the simulated board behind the
 * fault-injecting proxy, then uploads of 16 KiB at an emulated 115200 baud under bit flips 1e-3
 * both ways. Prints the pass rates, link errors, wrong answers and the upload line-rate ratios.
 *
 * <pre>
 * mvn -q -pl host/board test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.llexthil.board.NoiseSoak -Dexec.args="10 5"
 * </pre>
 * or {@code ci/noise-soak.sh [RUNS [CASES [cases|uploads|all]]]}.
 */
public final class NoiseSoak {
    private NoiseSoak() { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String part = args.length > 2 ? args[2] : "all";
        if (!part.equals("uploads")) {
            cases(runs, cases);
        }
        if (!part.equals("cases")) {
            uploads(runs);
        }
    }

    private static void cases(int runs, int cases) throws Exception {
        byte[] counter = SimBoards.extension("counter");
        System.out.printf(Locale.ROOT, "%-28s %6s %6s %10s %6s %8s %8s%n", "noise", "cases", "PASS", "link error",
                "WRONG", "retries", "seconds");
        for (NoiseProfiles.Profile p : NoiseProfiles.ALL) {
            Map<NoiseCase.Outcome, Integer> count = new EnumMap<>(NoiseCase.Outcome.class);
            int retries = 0;
            long t0 = System.nanoTime();
            for (int seed = 1; seed <= runs; seed++) {
                Path dir = Files.createTempDirectory("noise-soak");
                try (NoisySim sim = new NoisySim(dir, p.toBoard(), p.toHost(), seed, 0, Duration.ofSeconds(2))) {
                    for (int i = 0; i < cases; i++) {
                        NoiseCase.Result r = NoiseCase.run(sim.client(), counter);
                        count.merge(r.outcome(), 1, Integer::sum);
                        retries += r.retries();
                        if (r.outcome() != NoiseCase.Outcome.PASS) {
                            System.out.printf(Locale.ROOT, "  %s seed %d case %d: %s %s%n", p.name(), seed, i,
                                    r.outcome(), r.detail());
                        }
                    }
                } catch (ShellException e) {
                    System.out.printf(Locale.ROOT, "  %s seed %d: could not attach: %s%n", p.name(), seed, e.getMessage());
                    count.merge(NoiseCase.Outcome.LINK_ERROR, cases, Integer::sum);
                }
            }
            int total = runs * cases;
            int pass = count.getOrDefault(NoiseCase.Outcome.PASS, 0);
            System.out.printf(Locale.ROOT, "%-28s %6d %5.1f%% %10d %6d %8d %8.0f%n", p.name(), total, 100.0 * pass / total,
                    count.getOrDefault(NoiseCase.Outcome.LINK_ERROR, 0), count.getOrDefault(NoiseCase.Outcome.WRONG, 0),
                    retries, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** 16 KiB at an emulated 115200 baud under bit flips 1e-3 both ways: payload rate / line rate. */
    private static void uploads(int runs) throws Exception {
        Noise flips = Noise.flips(1e-3);
        System.out.printf(Locale.ROOT, "%nupload 16 KiB at 115200 baud, bit flips 1e-3 both ways%n");
        for (int seed = 1; seed <= runs; seed++) {
            byte[] image = new byte[16 * 1024];
            new Random(seed).nextBytes(image);
            Path dir = Files.createTempDirectory("noise-soak-upload");
            try (NoisySim sim = new NoisySim(dir, flips, flips, seed, 115200, Duration.ofSeconds(2))) {
                UploadResult u = sim.client().upload("blob", image, UploadProgress.NONE);
                System.out.printf(Locale.ROOT, "  seed %2d: rc %d, %d frames, %d NAKs or silences, %.2f s, %.1f %% of line rate%n",
                        seed, u.reply().rc(), u.frames(), u.naks(), u.seconds(), 100 * u.lineRateRatio());
            } catch (ShellException e) {
                System.out.printf(Locale.ROOT, "  seed %2d: %s%n", seed, e.getMessage());
            }
        }
    }
}
