package io.llexthil.link.rfc2217;

import java.util.Arrays;

/** A telnet command that is not data: what {@link TelnetDecoder} emits besides data buffers. */
public sealed interface TelnetMessage {

    /** {@code IAC WILL|WONT|DO|DONT option}. */
    record Negotiation(int verb, int option) implements TelnetMessage {
        @Override
        public String toString() { return Telnet.verbName(verb) + " " + option; }
    }

    /** {@code IAC SB option payload... IAC SE}, payload with IAC doubling already undone. */
    record Subnegotiation(int option, byte[] payload) implements TelnetMessage {
        public Subnegotiation {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() { return payload.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subnegotiation s && s.option == option && Arrays.equals(s.payload, payload);
        }

        @Override
        public int hashCode() { return 31 * option + Arrays.hashCode(payload); }

        @Override
        public String toString() { return "SB " + option + " " + Arrays.toString(payload); }
    }

    /** Any other two-byte command ({@code IAC NOP}, {@code IAC GA}, ...), reported and otherwise ignored. */
    record Command(int code) implements TelnetMessage {}
}
