package io.llexthil.board;

import io.llexthil.testkit.Noise;
import java.util.List;

/** The kinds of link noise of the acceptance runs (docs/protocol.md section 8), by name. */
final class NoiseProfiles {
    record Profile(String name, Noise toBoard, Noise toHost, boolean mustPass) { }

    static final List<Profile> ALL = List.of(
            new Profile("clean", Noise.NONE, Noise.NONE, true),
            new Profile("flips 1e-4 both ways", Noise.flips(1e-4), Noise.flips(1e-4), true),
            new Profile("drops 1e-4 both ways", Noise.drops(1e-4), Noise.drops(1e-4), true),
            new Profile("duplicates 1e-4 both ways", Noise.duplicates(1e-4), Noise.duplicates(1e-4), true),
            new Profile("log lines 1e-3", Noise.NONE, Noise.logs(1e-3), true),
            new Profile("flips 1e-3 both ways", Noise.flips(1e-3), Noise.flips(1e-3), false));

    private NoiseProfiles() { }

    static Profile named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no noise profile named '" + name + "'"));
    }
}
