package io.llexthil.shell;

/** The session scenarios over a real socat pty pair, through the jSerialComm serial link. */
class PtySessionTest extends SessionScenarios {
    @Override BoardUnderTest.Transport transport() { return BoardUnderTest.Transport.PTY; }
}
