package io.llexthil.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.llexthil.testkit.Noise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The short, seeded chaos run: the real simulated board behind the fault-injecting proxy, a few
 * full cases per kind of noise (docs/protocol.md section 8). No damaged answer may ever be taken
 * for the board's, no case may hang; at the acceptance rates every case passes, at bit flips 1e-3
 * a case may end with a typed link error but the next case starts from a known state.
 * {@code NoiseSoak} is the long form with the pass rates.
 */
class NoisyLinkIT {
    private static final int CASES = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} (seed {1})")
    @CsvSource({
        "flips 1e-4 both ways, 11",
        "drops 1e-4 both ways, 12",
        "duplicates 1e-4 both ways, 13",
        "log lines 1e-3, 14",
        "flips 1e-3 both ways, 15",
    })
    void casesSurviveTheNoise(String kind, long seed) throws Exception {
        NoiseProfiles.Profile p = NoiseProfiles.named(kind);
        List<NoiseCase.Result> results = new ArrayList<>();
        try (NoisySim sim = new NoisySim(dir, p.toBoard(), p.toHost(), seed, 0, Duration.ofSeconds(2))) {
            byte[] counter = SimBoards.extension("counter");
            for (int i = 0; i < CASES; i++) {
                results.add(NoiseCase.run(sim.client(), counter));
            }
            System.out.printf("%s, seed %d: %s; to board: %s; to host: %s%n", kind, seed, results,
                    sim.proxy().toBoard(), sim.proxy().toHost());
        }
        assertThat(results).noneMatch(r -> r.outcome() == NoiseCase.Outcome.WRONG);
        if (p.mustPass()) {
            assertThat(results).allMatch(r -> r.outcome() == NoiseCase.Outcome.PASS);
        }
        // a case lost to the link is followed by one that starts from a known state and passes
        assertThat(results.get(results.size() - 1).outcome()).isEqualTo(NoiseCase.Outcome.PASS);
    }
}
