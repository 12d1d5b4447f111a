package io.llexthil.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a board is flashed, from its profile ({@code flash: {command: [...], timeout: 60s}}) or its
 * hardware-map entry (twister's {@code runner}, {@code runner_params}, {@code flash_timeout},
 * {@code flash_before}). The command is an argv run without a shell; {@code ${build_dir}} in an
 * argument is the build directory being flashed.
 *
 * @param argv    the program and its arguments
 * @param timeout how long flashing may take before the program is killed
 * @param before  flash before every run even without {@code --flash} (twister's {@code flash_before})
 */
public record FlashConfig(List<String> argv, Duration timeout, boolean before) {
    public static final String BUILD_DIR = "${build_dir}";

    public FlashConfig {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a flash step needs a program to run");
        }
        argv = List.copyOf(argv);
    }

    /** What twister runs for a runner: {@code west flash --build-dir DIR --runner R [runner params]}. */
    public static FlashConfig west(String runner, List<String> runnerParams, Duration timeout, boolean before) {
        List<String> argv = new ArrayList<>(List.of("west", "flash", "--build-dir", BUILD_DIR, "--runner", runner));
        argv.addAll(runnerParams);
        return new FlashConfig(argv, timeout, before);
    }

    /** The argv with {@code ${build_dir}} replaced. */
    public List<String> argvFor(Path buildDir) {
        String dir = buildDir.toAbsolutePath().toString();
        return argv.stream().map(a -> a.replace(BUILD_DIR, dir)).toList();
    }
}
