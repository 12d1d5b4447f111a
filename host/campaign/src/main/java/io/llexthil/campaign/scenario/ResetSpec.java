package io.llexthil.campaign.scenario;

/**
 * A reset: its kind and the kind's parameters.
 *
 * @param kind    how
 * @param command the host command for {@link ResetKind#EXTERNAL} (run by {@code sh -c}), else null
 * @param flashOp the flash operation index the power is cut at for {@link ResetKind#POWERCUT}, else 0
 * @param pulseMs how long a DTR/RTS line stays asserted
 * @param buildId {@link ResetKind#FIRMWARE}: the build id to boot ({@code default} = the board's own)
 */
public record ResetSpec(ResetKind kind, String command, int flashOp, int pulseMs, String buildId) {

    public static ResetSpec shell() { return new ResetSpec(ResetKind.SHELL, null, 0, 0, null); }

    public static ResetSpec of(ResetKind kind) { return new ResetSpec(kind, null, 0, 100, null); }

    public String describe() {
        return switch (kind) {
            case EXTERNAL -> "external '" + command + "'";
            case POWERCUT -> "powercut at flash op " + flashOp;
            case FIRMWARE -> "into firmware build " + buildId;
            default -> kind.key();
        };
    }
}
