package io.llexthil.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.llexthil.link.LinkException;

/** Session behaviour that needs exact control of the bytes: an in-memory link, no network. */
class DefaultShellSessionTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final String BANNER = "*** Booting Zephyr OS build v4.2.0 ***\r\n";
    private final InMemoryLink link = new InMemoryLink();
    private DefaultShellSession session;

    private DefaultShellSession open(BoardProfile.Builder profile) {
        session = DefaultShellSession.open(link, profile.build(), null);
        return session;
    }

    private static BoardProfile.Builder profile() {
        return BoardProfile.builder("mem-board").txDelay(Duration.ZERO).quietPeriod(Duration.ofMillis(30))
                .probeInterval(Duration.ofMillis(100));
    }

    @AfterEach
    void close() {
        if (session != null) session.close();
    }

    @Test
    void awaitReadyProbesWithABareNewlineUntilAPromptComes() {
        // the board boots but prints its prompt only when poked, as after a lost first prompt
        link.responder((l, text) -> { if (text.equals("\n")) l.deliver("\r\nuart:~$ "); });
        open(profile());
        link.deliver(BANNER + "[00:00:00.001,000] <inf> main: up\r\n");

        BootEpoch epoch = session.awaitReady(T);

        assertThat(epoch.number()).isEqualTo(1);
        assertThat(link.written()).startsWith("\n");
    }

    @Test
    void awaitReadyWithoutABannerTimesOutNamingTheBanner() {
        open(profile());
        link.deliver("uart:~$ ");

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(300)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageStartingWith("mem-board: awaitReady: boot banner: waited 300 ms for a boot banner"
                        + " (banner.required: true); saw ")
                .hasMessageContaining("longest quiet gap")
                .hasMessageContaining("(last bytes: \"uart:~$ \")");
    }

    @Test
    void aRunningBoardWhenABannerIsRequiredIsNamedAsTheLikelyCause() {
        link.responder((l, text) -> { if (text.equals("\n")) l.deliver("\r\nuart:~$ "); });
        open(profile().probeInterval(Duration.ofMillis(50)));

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(400)))
                .isInstanceOf(ReadyWaitException.class)
                .hasMessageContaining("prompt seen ")
                .hasMessageContaining("no boot banner")
                .hasMessageContaining("likely cause: the board was already running when the link opened")
                .satisfies(e -> assertThat(((ReadyWaitException) e).promptsSeen()).isPositive());
    }

    @Test
    void awaitReadyOnARunningBoardWhenTheProfileNeedsNoBanner() {
        link.responder((l, text) -> { if (text.equals("\n")) l.deliver("\r\nuart:~$ "); });
        open(profile().bannerRequired(false));

        assertThat(session.awaitReady(T).number()).isZero();
    }

    @Test
    void aFatalBannerWhileWaitingForReadinessIsACrash() {
        open(profile());
        link.deliver(BANNER + "ASSERTION FAIL [p != NULL] @ heap.c:42\r\n");

        assertThatThrownBy(() -> session.awaitReady(T)).isInstanceOf(BoardCrashedException.class)
                .hasMessageContaining("ASSERTION FAIL [p != NULL]");
    }

    @Test
    void aBoardThatNeverGoesQuietTimesOutInTheQuietStep() throws Exception {
        open(profile().quietPeriod(Duration.ofMillis(200)));
        link.deliver(BANNER + "uart:~$ ");
        Thread chatter = new Thread(() -> {
            for (int i = 0; i < 40 && link.isOpen(); i++) {
                link.deliver("<inf> app: chatter " + i + "\r\n");
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        chatter.start();

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(500)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageContaining("awaitReady: quiet period: waited 500 ms for 200 ms of silence; saw ")
                .hasMessageContaining("likely cause: the board kept talking");
        chatter.join();
    }

    @Test
    void echoOffWithoutNewlineStillYieldsTheOutput() {
        link.responder((l, text) -> { if (text.equals("kernel version\n")) l.deliver("Zephyr version 4.2.0\r\nuart:~$ "); });
        open(profile());
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);

        CommandResult r = session.exec("kernel version", T);

        assertThat(r.output()).containsExactly("Zephyr version 4.2.0");
    }

    @Test
    void lineEndingIsConfigurable() {
        link.responder((l, text) -> { if (text.endsWith("\r")) l.deliver(text + "\nok\r\nuart:~$ "); });
        open(profile().lineEnding("\r").txChunk(64));
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);

        assertThat(session.exec("ping", T).output()).containsExactly("ok");
        assertThat(link.written()).endsWith("ping\r");
    }

    @Test
    void aWriteFailureOnAnOpenLinkIsAShellErrorAndAfterADisconnectADisconnect() {
        open(profile());
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);
        link.failWritesWith(new LinkException("mem://test", "write", "buffer full"));

        assertThatThrownBy(() -> session.exec("x", T)).isExactlyInstanceOf(ShellException.class)
                .hasMessageContaining("mem-board: exec 'x': write failed: mem://test: write: buffer full");

        link.disconnect("EOF");
        await().atMost(T).until(() -> !link.isOpen());
        assertThatThrownBy(() -> session.exec("x", T)).isInstanceOf(ShellDisconnectedException.class)
                .hasMessageContaining("link went away: EOF");
        assertThatThrownBy(() -> session.awaitLine(s -> true, T)).isInstanceOf(ShellDisconnectedException.class);
    }

    @Test
    void awaitLineSkipsLogsAndPromptsAndFailsOnACrash() {
        open(profile());
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);
        link.deliver("<inf> a: b\r\n@@HIL|1|0|{}|00000000\r\n");

        assertThat(session.awaitLine(s -> s.startsWith("@@"), T)).isEqualTo("@@HIL|1|0|{}|00000000");

        link.deliver(">>> ZEPHYR FATAL ERROR 3: Kernel oops on CPU 0\r\n");
        assertThatThrownBy(() -> session.awaitLine(s -> s.startsWith("@@"), T))
                .isInstanceOf(BoardCrashedException.class).hasMessageContaining("awaitLine");
    }

    @Test
    void clearPendingDropsUnconsumedLines() {
        open(profile());
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);
        link.deliver("stale\r\n");
        await().atMost(T).until(() -> session.transcript().strippedLines().stream().anyMatch(l -> l.endsWith("stale")));

        session.clearPending();

        assertThatThrownBy(() -> session.awaitLine(s -> s.contains("stale"), Duration.ofMillis(100)))
                .isInstanceOf(ShellTimeoutException.class);
    }

    @Test
    void transcriptMarksGiveExcerpts() {
        open(profile());
        link.deliver("a\r\nb\r\nc\r\nd\r\n");
        await().atMost(T).until(() -> session.transcript().mark() == 4);

        assertThat(session.transcript().excerpt(1, 3, 0)).containsExactly("b", "c");
        assertThat(session.transcript().excerpt(1, 2, 1)).containsExactly("a", "b", "c");
        assertThat(session.transcript().rawFile()).isNull();
    }

    @Test
    void commandsAreSerialisedSoASecondCallerWaitsItsTurnOrTimesOut() throws Exception {
        link.responder((l, text) -> { if (text.equals("slow\n")) l.deliver("slow\r\n"); });
        open(profile());
        link.deliver(BANNER + "uart:~$ ");
        session.awaitReady(T);
        Thread first = new Thread(() -> {
            try {
                session.exec("slow", Duration.ofMillis(800));
            } catch (ShellTimeoutException expected) {
                // it never gets a prompt: the point is that it holds the session meanwhile
            }
        });
        first.start();
        await().atMost(T).until(() -> link.written().contains("slow"));

        assertThatThrownBy(() -> session.exec("other", Duration.ofMillis(200)))
                .isInstanceOf(ShellTimeoutException.class).hasMessageContaining("another command was still running");
        first.join();
    }
}
