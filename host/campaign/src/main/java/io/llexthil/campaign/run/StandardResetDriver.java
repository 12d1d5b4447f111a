package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.scenario.ResetKind;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.link.ControlLine;

import java.time.Duration;
import java.util.Optional;

/**
 * Maps a step's reset onto the board's lifecycle ({@link io.llexthil.board.BoardLifecycle}), which
 * decides how each transition is done for the board. Every parameter of the step reaches it: the
 * line and {@code pulse_ms} of a pulse, the command of an external reset, the build of a firmware
 * switch.
 */
public final class StandardResetDriver implements ResetDriver {

    /** Boots another firmware build on a board that the link starts itself (the front end reconnects). */
    public interface FirmwareSwitch {
        void boot(BoardClient board, String buildId, Duration timeout);

        /** Why {@link #boot} cannot work on this board, or empty when it can. */
        Optional<String> unavailable(BoardClient board);

        /** A board that cannot switch builds by itself (on a cable, behind a port it did not start). */
        FirmwareSwitch NONE = new FirmwareSwitch() {
            @Override
            public void boot(BoardClient board, String buildId, Duration timeout) {
                throw new ResetUnavailableException(board.boardName(), "reset (firmware)",
                        unavailable(board).orElseThrow(), "", null);
            }

            @Override
            public Optional<String> unavailable(BoardClient board) {
                return Optional.of("this board cannot switch firmware builds by itself; give the reset step a"
                        + " 'command' that flashes build ${build_id}");
            }
        };
    }

    private final FirmwareSwitch firmware;

    public StandardResetDriver() {
        this(FirmwareSwitch.NONE);
    }

    public StandardResetDriver(FirmwareSwitch firmware) {
        this.firmware = firmware;
    }

    @Override
    public void reset(BoardClient board, ResetSpec spec, Duration timeout) {
        switch (spec.kind()) {
            case SHELL -> board.reset(timeout);
            case DTR -> board.lifecycle().pulse(ControlLine.DTR, pulse(spec), timeout);
            case RTS -> board.lifecycle().pulse(ControlLine.RTS, pulse(spec), timeout);
            case QMP -> board.lifecycle().hardReset(timeout);
            case EXTERNAL -> board.lifecycle().external(spec.command(), timeout);
            case FIRMWARE -> {
                if (spec.command() != null) {
                    board.lifecycle().external(spec.command().replace("${build_id}", spec.buildId()), timeout);
                } else {
                    firmware.boot(board, spec.buildId(), timeout);
                }
            }
            case POWERCUT -> throw new IllegalArgumentException("a power cut is run by the scenario runner, not the reset driver");
            default -> throw new IllegalStateException(spec.kind().toString());
        }
    }

    @Override
    public Optional<String> unavailable(BoardClient board, ResetSpec spec) {
        return spec.kind() == ResetKind.FIRMWARE && spec.command() == null ? firmware.unavailable(board) : Optional.empty();
    }

    private static Duration pulse(ResetSpec spec) {
        return Duration.ofMillis(spec.pulseMs());
    }

    @Override
    public void recover(BoardClient board, Duration timeout) {
        board.lifecycle().recover(timeout);
    }
}
