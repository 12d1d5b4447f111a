package io.llexthil.shell.reset;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.shell.ShellSession;

/**
 * Drives DTR/RTS through a sequence of {@link ResetStep}s. "Asserted" is the modem-line sense:
 * on the usual USB-UART chips an asserted line drives its TTL pin low.
 */
public final class ControlLinePulseReset implements ResetControl {

    /** Named sequences for {@code reset: {method: pulse, preset: ...}}. */
    public static final Map<String, List<ResetStep>> PRESETS = Map.of(
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

    private final List<ResetStep> steps;

    public ControlLinePulseReset(List<ResetStep> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a pulse reset needs at least one step");
        this.steps = List.copyOf(steps);
    }

    public List<ResetStep> steps() { return steps; }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("pulse");
        for (ResetStep s : steps) sb.append(' ').append(s.line()).append(s.asserted() ? "=on" : "=off").append('/').append(s.holdMs()).append("ms");
        return sb.toString();
    }

    @Override
    public void trigger(ShellSession session, Link link, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ResetStep step : steps) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            try {
                link.setControlLine(step.line(), step.asserted(), left);
            } catch (UnsupportedControlException e) {
                throw new ResetException(session.boardName(), "pulse", step.line() + " cannot be driven on "
                        + link.url() + " (" + e.getMessage() + "); use reset method 'command', 'hard' or 'external'",
                        "", e);
            } catch (LinkException e) {
                throw new ResetException(session.boardName(), "pulse", "setting " + step.line() + " failed: "
                        + e.getMessage(), "", e);
            }
            if (step.holdMs() > 0) {
                if (System.nanoTime() + step.holdMs() * 1_000_000 > deadline) {
                    throw new ResetException(session.boardName(), "pulse", "sequence longer than the "
                            + timeout.toMillis() + " ms timeout", "", null);
                }
                sleep(step.holdMs(), session.boardName());
            }
        }
    }

    private static void sleep(long ms, String board) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResetException(board, "pulse", "interrupted", "", e);
        }
    }
}
