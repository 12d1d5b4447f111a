package io.llexthil.campaign.run;

import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.shell.input.BoundedFiles;
import io.llexthil.shell.input.InputFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds extension images. {@code builtin:<name>} is the sample extension built with the firmware,
 * {@code <firmware build>/model/ext/<arch>/<name>.o}, where {@code <arch>} is the board's {@code info}
 * arch when such a directory exists and {@code host} otherwise (the simulated board). Any other
 * source is a file path, relative to the scenario file.
 */
public final class ImageLibrary {
    private final Path firmwareBuild;
    private final Map<Path, byte[]> cache = new HashMap<>();

    public ImageLibrary(Path firmwareBuild) {
        this.firmwareBuild = firmwareBuild;
    }

    /**
     * The firmware build directory: {@code -Dllexthil.firmware.build}, {@code $LLEXT_HIL_FIRMWARE_BUILD},
     * {@code <-Dllexthil.repo>/firmware/build} (the launcher sets it), or {@code ./firmware/build}.
     */
    public static Path defaultFirmwareBuild() {
        String prop = System.getProperty("llexthil.firmware.build");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("LLEXT_HIL_FIRMWARE_BUILD");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String repo = System.getProperty("llexthil.repo");
        if (repo != null && !repo.isBlank()) {
            return Path.of(repo, "firmware", "build");
        }
        return Path.of("firmware", "build").toAbsolutePath();
    }

    public Path firmwareBuild() { return firmwareBuild; }

    public Path locate(HilScenario scenario, String image, String arch) {
        String source = scenario.imageSource(image);
        if (source.startsWith("builtin:")) {
            String name = source.substring("builtin:".length());
            Path extDir = firmwareBuild.resolve("model").resolve("ext");
            Path archDir = arch != null && Files.isDirectory(extDir.resolve(arch)) ? extDir.resolve(arch) : extDir.resolve("host");
            return archDir.resolve(name + ".o");
        }
        Path p = Path.of(source);
        if (!p.isAbsolute() && scenario.baseDir() != null) {
            p = scenario.baseDir().resolve(p);
        }
        return p;
    }

    /** The image bytes; a missing file is an {@link ImageNotFoundException} naming the scenario and the path. */
    public byte[] read(HilScenario scenario, String image, String arch) {
        Path p = locate(scenario, image, arch);
        byte[] cached = cache.get(p);
        if (cached != null) {
            return cached;
        }
        try {
            // bounded: a wrong path (a device, a huge file) is refused before it is read
            byte[] bytes = BoundedFiles.readBytes(p, BoundedFiles.IMAGE_LIMIT, "extension image");
            cache.put(p, bytes);
            return bytes;
        } catch (InputFileException e) {
            if (Files.exists(p)) {
                throw new ImageNotFoundException(scenario.source() + ": image '" + image + "': " + e.getMessage());
            }
            throw new ImageNotFoundException(scenario.source() + ": image '" + image + "' not found at " + p
                    + (scenario.imageSource(image).startsWith("builtin:")
                    ? " (build the firmware: cmake -S firmware -B firmware/build && cmake --build firmware/build)"
                    : " (fix the path under 'images:')"));
        }
    }

    /** An image file that cannot be read. */
    public static final class ImageNotFoundException extends RuntimeException {
        public ImageNotFoundException(String message) { super(message); }
    }
}
