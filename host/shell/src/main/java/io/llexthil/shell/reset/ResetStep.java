package io.llexthil.shell.reset;

import io.llexthil.link.ControlLine;

/**
 * One step of a control-line pulse sequence: set {@code line} and hold it for {@code holdMs}.
 *
 * @param line     DTR or RTS
 * @param asserted true = line active (on USB-UART chips the TTL pin goes low)
 * @param holdMs   how long to keep this state before the next step
 */
public record ResetStep(ControlLine line, boolean asserted, long holdMs) {
}
