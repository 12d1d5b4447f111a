package io.llexthil.shell.reset;

import java.time.Duration;
import java.util.List;

/**
 * How a board is reset, as written in its profile ({@code reset:} in docs/boards.md).
 *
 * @param method  {@code command}, {@code pulse}, {@code hard}, {@code external} or {@code none}
 * @param command the shell command for {@code command} (default {@code kernel reboot cold})
 * @param steps   the control-line sequence for {@code pulse} (a preset already expanded)
 * @param argv    the program and its arguments for {@code external}, run without a shell
 * @param timeout how long the reset action itself may take (not the boot that follows)
 */
public record ResetSpec(String method, String command, List<ResetStep> steps, List<String> argv, Duration timeout) {

    public static final String DEFAULT_COMMAND = "kernel reboot cold";

    public ResetSpec {
        steps = List.copyOf(steps);
        argv = List.copyOf(argv);
    }

    public static ResetSpec shellCommand() {
        return new ResetSpec("command", DEFAULT_COMMAND, List.of(), List.of(), Duration.ofSeconds(5));
    }

    /** Reset through the link itself (QMP system_reset on QEMU, a power cycle on the simulated board). */
    public static ResetSpec hard() {
        return new ResetSpec("hard", "", List.of(), List.of(), Duration.ofSeconds(10));
    }

    public static ResetSpec none() {
        return new ResetSpec("none", "", List.of(), List.of(), Duration.ofSeconds(5));
    }
}
