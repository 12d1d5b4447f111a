package io.llexthil.link;

/** A control line or baud change was requested on a medium that has none (pty, plain TCP). */
public class UnsupportedControlException extends LinkException {
    public UnsupportedControlException(String link, String what) {
        super(link, "control", what + " is not supported by this medium");
    }
}
