package io.llexthil.shell.reset;

import io.llexthil.link.ControlLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a board resets itself by default, as written in its profile ({@code reset:} in
 * docs/boards.md). The board layer's lifecycle carries it out; this record only holds it.
 *
 * @param method  {@code command}, {@code pulse}, {@code hard}, {@code external} or {@code none}
 * @param command the shell command for {@code command} (default {@code kernel reboot cold})
 * @param steps   the control-line sequence for {@code pulse} (a preset already expanded)
 * @param argv    the program and its arguments for {@code external}, run without a shell
 * @param timeout how long the reset action itself may take (not the boot that follows)
 */
public record ResetConfig(String method, String command, List<ResetStep> steps, List<String> argv, Duration timeout) {

    public static final String DEFAULT_COMMAND = "kernel reboot cold";

    /** Named sequences for {@code reset: {method: pulse, preset: ...}}. */
    public static final Map<String, List<ResetStep>> PULSE_PRESETS = Map.of(
            // classic: RTS wired to the reset pin, active low, held 100 ms
            "rts-low-100ms", List.of(new ResetStep(ControlLine.RTS, true, 100), new ResetStep(ControlLine.RTS, false, 0)),
            "dtr-low-100ms", List.of(new ResetStep(ControlLine.DTR, true, 100), new ResetStep(ControlLine.DTR, false, 0)),
            // ESP32 dev boards: RTS -> EN, DTR -> IO0 (through a transistor pair). Run the app:
            // IO0 high, EN low for 100 ms, EN high.
            "esp32", List.of(new ResetStep(ControlLine.DTR, false, 0), new ResetStep(ControlLine.RTS, true, 100),
                    new ResetStep(ControlLine.RTS, false, 0)),
            // ESP32 into the ROM bootloader (esptool's classic sequence): EN low, then IO0 low while
            // EN rises, then release IO0.
            "esp32-bootloader", List.of(new ResetStep(ControlLine.DTR, false, 0), new ResetStep(ControlLine.RTS, true, 100),
                    new ResetStep(ControlLine.DTR, true, 0), new ResetStep(ControlLine.RTS, false, 50),
                    new ResetStep(ControlLine.DTR, false, 0)));

    public ResetConfig {
        steps = List.copyOf(steps);
        argv = List.copyOf(argv);
    }

    /** The Zephyr shell's own reboot command: the default for every board. */
    public static ResetConfig shellCommand() {
        return new ResetConfig("command", DEFAULT_COMMAND, List.of(), List.of(), Duration.ofSeconds(5));
    }

    /** Reset through the link itself (QMP system_reset on QEMU, a power cycle on the simulated board). */
    public static ResetConfig hard() {
        return new ResetConfig("hard", "", List.of(), List.of(), Duration.ofSeconds(10));
    }

    /** Someone else resets the board (a person, a rig); the tool only waits for the boot. */
    public static ResetConfig none() {
        return new ResetConfig("none", "", List.of(), List.of(), Duration.ofSeconds(5));
    }

    /** One line for messages and reports, e.g. {@code shell command 'kernel reboot cold'}. */
    public String describe() {
        return switch (method) {
            case "command" -> "shell command '" + command + "'";
            case "pulse" -> "control-line pulse " + steps.stream().map(s -> s.line() + (s.asserted() ? "=on" : "=off")
                    + "/" + s.holdMs() + "ms").toList();
            case "hard" -> "hard reset through the link";
            case "external" -> "external command " + argv;
            default -> "none (someone else resets the board)";
        };
    }
}
