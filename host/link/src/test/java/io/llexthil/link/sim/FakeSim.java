package io.llexthil.link.sim;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Locates the test-only stand-in for the sim binary (src/test/resources/fake-sim/fake-sim.py). */
final class FakeSim {
    private FakeSim() {}

    static Path binary() {
        try {
            Path script = Path.of(FakeSim.class.getResource("/fake-sim/fake-sim.py").toURI());
            // resource copying drops the executable bit
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException("fake-sim.py not on the test classpath", e);
        }
    }
}
