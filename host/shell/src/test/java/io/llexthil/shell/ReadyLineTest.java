package io.llexthil.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness from the firmware's own ready line: with it no quiet period is waited for (the quiet
 * period here is far longer than the ready timeout, so only the ready line can make the board
 * ready in time); a mangled one is never taken for readiness.
 */
class ReadyLineTest {
    private static final String BANNER = "*** Booting Zephyr OS build v4.2.0 ***\r\n";
    private static final String JSON = "{\"build\":\"3f2a9c1e5b7d0a42\",\"fw\":\"0.1.0\",\"board\":\"sim\"}";
    private static final Duration READY = Duration.ofSeconds(5);
    private final InMemoryLink link = new InMemoryLink();
    private DefaultShellSession session;

    private DefaultShellSession open(BoardProfile.ReadyLine mode) {
        session = DefaultShellSession.open(link, BoardProfile.builder("rdy-board").readyLine(mode)
                .quietPeriod(Duration.ofMinutes(10)).probeInterval(Duration.ofMillis(100)).build(), null);
        return session;
    }

    @AfterEach
    void close() {
        if (session != null) session.close();
    }

    @Test
    void aReadyLineEndsTheWaitWithoutAQuietPeriod() {
        open(BoardProfile.ReadyLine.AUTO);
        link.deliver(BANNER + "[00:00:00.000,003] <inf> llext_hil: boot 7\r\n"
                + ReadyAnnouncement.format(7, JSON) + "\r\nuart:~$ ");

        assertThat(session.awaitReady(READY).number()).isEqualTo(1);
        ReadyAnnouncement ready = session.readyAnnouncement();
        assertThat(ready.boot()).isEqualTo(7);
        assertThat(ready.buildId()).isEqualTo("3f2a9c1e5b7d0a42");
    }

    @Test
    void aReadyLinePrintedAfterThePromptCountsToo() {
        // Zephyr's shell erases the prompt, prints the line and reprints the prompt
        open(BoardProfile.ReadyLine.REQUIRED);
        link.deliver(BANNER + "uart:~$ \r\u001b[2K" + ReadyAnnouncement.format(3, JSON) + "\r\nuart:~$ ");

        assertThat(session.awaitReady(READY).number()).isEqualTo(1);
        assertThat(session.readyAnnouncement().boot()).isEqualTo(3);
    }

    @Test
    void theReadyLineIsNotCommandOutput() {
        open(BoardProfile.ReadyLine.AUTO);
        link.deliver(BANNER + ReadyAnnouncement.format(1, JSON) + "\r\nuart:~$ ");
        session.awaitReady(READY);
        link.deliver("late line\r\n");

        assertThat(session.awaitLine(l -> true, READY)).isEqualTo("late line");
    }

    @Test
    void aReadyLineWithABadCrcIsIgnored() {
        open(BoardProfile.ReadyLine.REQUIRED);
        String good = ReadyAnnouncement.format(7, JSON);
        String mangled = good.replace("\"fw\"", "\"fW\"");
        link.deliver(BANNER + mangled + "\r\nuart:~$ ");

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(400)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageStartingWith("rdy-board: awaitReady: ready line: waited 400 ms for a ready line @@RDY|")
                .hasMessageContaining("printed no valid ready line");
        assertThat(session.readyAnnouncement()).isNull();
    }

    @Test
    void aRequiredReadyLineThatNeverComesIsATimeoutNamingIt() {
        open(BoardProfile.ReadyLine.REQUIRED);
        link.deliver(BANNER + "uart:~$ ");

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(400)))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageContaining("is the board running llext-hil firmware? for other firmware set ready_line: auto");
    }

    @Test
    void aReadyLineWithAnotherBootCountIsANewBootWhenItsBannerWasLost() {
        open(BoardProfile.ReadyLine.AUTO);
        link.deliver(BANNER + ReadyAnnouncement.format(4, JSON) + "\r\nuart:~$ ");
        session.awaitReady(READY);
        // the banner of the next boot arrives damaged: only its ready line is intact
        link.deliver("*** Boo\u00f4ing Zephyr OS build v4.2.0 ***\r\n" + ReadyAnnouncement.format(5, JSON) + "\r\nuart:~$ ");

        assertThat(session.awaitBoot(1, READY).number()).isEqualTo(2);
        assertThat(session.bootEpoch().banner()).startsWith("(banner not seen) @@RDY|5|");
        assertThat(session.readyAnnouncement().boot()).isEqualTo(5);
    }

    @Test
    void theSameReadyLineAgainIsNoNewBoot() {
        open(BoardProfile.ReadyLine.AUTO);
        link.deliver(BANNER + ReadyAnnouncement.format(4, JSON) + "\r\nuart:~$ ");
        session.awaitReady(READY);
        link.deliver(ReadyAnnouncement.format(4, JSON) + "\r\nuart:~$ ");
        link.deliver("after\r\n");

        assertThat(session.awaitLine(l -> l.equals("after"), READY)).isEqualTo("after");
        assertThat(session.epoch()).isEqualTo(1);
    }

    @Test
    void aNewBootForgetsTheOldReadyLine() {
        open(BoardProfile.ReadyLine.AUTO);
        link.deliver(BANNER + ReadyAnnouncement.format(1, JSON) + "\r\nuart:~$ ");
        session.awaitReady(READY);
        link.deliver(BANNER);

        assertThatThrownBy(() -> session.awaitReady(Duration.ofMillis(400)))
                .isInstanceOf(ShellTimeoutException.class);
        assertThat(session.epoch()).isEqualTo(2);
        assertThat(session.readyAnnouncement()).isNull();
    }

    @Test
    void parseRejectsWhatIsNotAReadyLine() {
        assertThat(ReadyAnnouncement.parse("uart:~$ hil info")).isNull();
        assertThat(ReadyAnnouncement.parse("@@RDY|x|{}|00000000")).isNull();
        assertThat(ReadyAnnouncement.parse("@@RDY|1|{}")).isNull();
        assertThat(ReadyAnnouncement.parse("noise " + ReadyAnnouncement.format(2, "{}")).boot()).isEqualTo(2);
    }
}
