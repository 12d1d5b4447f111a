package io.llexthil.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.llexthil.link.Link;
import io.llexthil.link.Links;
import io.llexthil.testkit.FakeZephyrShell;
import io.llexthil.testkit.SocatPtyPair;

/** A FakeZephyrShell plus a session on it, over TCP or a socat pty, closed together. */
final class BoardUnderTest implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(5);

    enum Transport { TCP, PTY }

    final FakeZephyrShell fake;
    final DefaultShellSession session;
    final Link link;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private BoardUnderTest(FakeZephyrShell fake, Link link, DefaultShellSession session, List<AutoCloseable> extra) {
        this.fake = fake;
        this.link = link;
        this.session = session;
        closeables.add(session);
        closeables.add(fake);
        closeables.addAll(extra);
    }

    static BoardUnderTest start(Transport transport, BoardProfile profile, Path runDir) {
        if (transport == Transport.TCP) {
            FakeZephyrShell fake = FakeZephyrShell.tcp();
            Link link = Links.create("tcp://127.0.0.1:" + fake.port());
            DefaultShellSession session = DefaultShellSession.open(link, profile, runDir);
            fake.awaitClient(T);
            return new BoardUnderTest(fake, link, session, List.of());
        }
        SocatPtyPair pair = SocatPtyPair.start(T);
        // the fake's "disconnect" pulls the cable: socat dies and both ptys vanish
        FakeZephyrShell fake = FakeZephyrShell.pty(Path.of(pair.second()), pair::kill);
        Link link = Links.create("serial://" + pair.first() + "?baud=115200");
        DefaultShellSession session = DefaultShellSession.open(link, profile, runDir);
        return new BoardUnderTest(fake, link, session, List.of(pair));
    }

    /** Boots the fake (banner + prompt) and waits until the session says the board is ready. */
    BoardUnderTest booted() {
        fake.boot();
        session.awaitReady(T);
        return this;
    }

    static BoardProfile.Builder fastProfile(String name) {
        return BoardProfile.builder(name).txChunk(16).txDelay(Duration.ofMillis(1))
                .quietPeriod(Duration.ofMillis(50)).probeInterval(Duration.ofMillis(200));
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }
}
