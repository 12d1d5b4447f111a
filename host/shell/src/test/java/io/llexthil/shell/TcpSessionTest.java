package io.llexthil.shell;

/** The session scenarios over TCP, through the Netty TCP link. */
class TcpSessionTest extends SessionScenarios {
    @Override BoardUnderTest.Transport transport() { return BoardUnderTest.Transport.TCP; }
}
