package io.llexthil.board;

import io.llexthil.link.ControlLine;
import java.time.Duration;
import java.util.List;

/**
 * A board's life as one state machine: {@link Phase#OFF} until attached, {@link Phase#BOOTING}
 * while a transition waits for the next boot, {@link Phase#READY} at a prompt, {@link Phase#HALTED}
 * after a crash, {@link Phase#FLASHING} while a flash program runs. Every transition ends with the board ready in a new boot (banner, prompt, quiet)
 * or with a typed error; none pretends to succeed. How each transition is done for this board (its
 * profile's reset, its link's capabilities) is decided in one place, {@link StandardBoardLifecycle}.
 */
public interface BoardLifecycle {

    enum Phase { OFF, BOOTING, READY, HALTED, FLASHING }

    Phase phase();

    /** How {@link #reset} is done for this board, for messages and reports. */
    String describeReset();

    /** The board's own reset: the way its profile names (a shell command unless it says otherwise). */
    void reset(Duration timeout);

    /** A reboot typed into the shell ({@code command}: the profile's, e.g. {@code kernel reboot cold}). */
    void softReset(String command, Duration timeout);

    /**
     * A hard reset: the profile's pulse or external command when it names one, else the link's own
     * power cycle (QMP {@code system_reset}, the simulated board's restart). Refused with a
     * {@link ResetUnavailableException} where the board has none.
     */
    void hardReset(Duration timeout);

    /** Asserts {@code line} for {@code pulse}, releases it, and waits for the boot. */
    void pulse(ControlLine line, Duration pulse, Duration timeout);

    /** Runs a host command ({@code sh -c}) that resets or power-cycles the board, then waits for the boot. */
    void external(String commandLine, Duration timeout);

    /**
     * Runs a flash program ({@code argv}, no shell, killed after {@code flashTimeout}), then the
     * board's own reset, so the new firmware runs whether or not the program reset the board.
     */
    void flash(List<String> argv, Duration flashTimeout, Duration timeout);

    /** Brings the board back after a crash or a power cut: a hard reset where there is one, else {@link #reset}. */
    void recover(Duration timeout);
}
