package io.llexthil.link.tcp;

import io.llexthil.link.ControlLine;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.UnsupportedControlException;

/** What a raw TCP byte stream can do beyond bytes (nothing), for both TCP links. */
final class RawTcpMedium {
    static final LinkCapabilities CAPABILITIES =
            new LinkCapabilities(false, false, "raw TCP: bytes only, no modem lines, no line rate");

    private RawTcpMedium() { }

    static UnsupportedControlException noControlLine(String url, ControlLine line) {
        return new UnsupportedControlException(url, line + " over raw TCP");
    }

    static UnsupportedControlException noBaudRate(String url) {
        return new UnsupportedControlException(url, "baud rate change over raw TCP");
    }
}
