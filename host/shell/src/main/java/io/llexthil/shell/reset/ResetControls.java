package io.llexthil.shell.reset;

import io.llexthil.shell.BoardProfile;

/** Builds the {@link ResetControl} a profile's {@code reset:} section describes. */
public final class ResetControls {
    private ResetControls() {}

    public static ResetControl forProfile(BoardProfile profile) {
        ResetSpec spec = profile.reset();
        return switch (spec.method()) {
            case "command" -> new ShellCommandReset(spec.command(), profile.lineEnding());
            case "pulse" -> new ControlLinePulseReset(spec.steps());
            case "hard" -> new HardLinkReset();
            case "external" -> new ExternalCommandReset(spec.argv());
            case "none" -> new NoReset();
            default -> throw new IllegalArgumentException(profile.source() + ": unknown reset method '" + spec.method()
                    + "' (use command, pulse, hard, external or none)");
        };
    }
}
