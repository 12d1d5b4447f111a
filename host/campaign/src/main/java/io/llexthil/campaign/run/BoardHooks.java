package io.llexthil.campaign.run;

import io.llexthil.link.ControlLine;

import java.time.Duration;

/**
 * Reset means beyond the shell, provided by the board layer for boards that have them. Each
 * method returns once the board is ready in a new boot, and throws {@link UnsupportedOperationException} (with a one-line reason) where the board
 * has no such means; none pretends to succeed.
 */
public interface BoardHooks {

    /** Power-cycles or hard-resets through the link (QEMU {@code system_reset}, the sim's restart). */
    void hardReset(Duration timeout);

    /** Asserts {@code line} for {@code pulse}, then releases it. */
    void pulse(ControlLine line, Duration pulse, Duration timeout);

    /** Reboots into the firmware build {@code buildId} ({@code default}: the board's own). */
    void rebootInto(String buildId, String command, Duration timeout);

    BoardHooks NONE = new BoardHooks() {
        @Override
        public void hardReset(Duration timeout) {
            throw new UnsupportedOperationException("this board has no hard reset (no QMP, no power control)");
        }

        @Override
        public void pulse(ControlLine line, Duration pulse, Duration timeout) {
            throw new UnsupportedOperationException("this board's link has no " + line + " line");
        }

        @Override
        public void rebootInto(String buildId, String command, Duration timeout) {
            throw new UnsupportedOperationException("this board cannot switch firmware builds"
                    + " (give the reset step a 'command' that flashes the build)");
        }
    };
}
