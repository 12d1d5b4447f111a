package io.llexthil.campaign.scenario;

/**
 * How a {@code reset} step resets the board.
 *
 * <ul>
 *   <li>{@code shell}: {@code hil reset cold} through the shell (every board);</li>
 *   <li>{@code dtr}, {@code rts}: pulse a modem control line wired to the reset pin;</li>
 *   <li>{@code qmp}: QEMU's {@code system_reset} (or the sim's power cycle): the link's hard reset;</li>
 *   <li>{@code external}: run a host command (a relay, a PDU, {@code west flash}), then wait for the boot;</li>
 *   <li>{@code powercut}: cut power at flash operation {@code flash_op} of a {@code ctx save}
 *       of every loaded extension, then bring the board back;</li>
 *   <li>{@code firmware}: reboot into another firmware build ({@code build_id}; {@code default}
 *       returns to the board's own build). The simulated board restarts with {@code --build-id};
 *       other boards need a {@code command} that flashes that build.</li>
 * </ul>
 */
public enum ResetKind {
    SHELL("shell"), DTR("dtr"), RTS("rts"), QMP("qmp"), EXTERNAL("external"), POWERCUT("powercut"),
    FIRMWARE("firmware");

    private final String key;

    ResetKind(String key) { this.key = key; }

    public String key() { return key; }

    public static ResetKind byKey(String key) {
        for (ResetKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
