package io.llexthil.link.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.Links;
import io.llexthil.link.RecordingListener;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.testkit.SocatPtyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SerialLink on a real socat pty pair: one end is "the board", the other "the host". */
class SerialLinkPtyTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void bytesFlowBothWaysIncludingZeroAndFF() {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Link host = Links.create("serial://" + pair.first() + "?baud=115200");
             Link board = Links.create("pty://" + pair.second())) {
            RecordingListener hostHeard = new RecordingListener();
            RecordingListener boardHeard = new RecordingListener();
            host.open(hostHeard, T);
            board.open(boardHeard, T);
            byte[] all = RecordingListener.allByteValues();

            host.write(all, T);
            board.write(all, T);

            await().atMost(T).until(() -> boardHeard.size() >= all.length && hostHeard.size() >= all.length);
            assertThat(boardHeard.bytes()).isEqualTo(all);
            assertThat(hostHeard.bytes()).isEqualTo(all);
            assertThat(hostHeard.threads()).allMatch(n -> n.startsWith(SerialThreads.PREFIX));
            assertThat(host.isOpen()).isTrue();
        }
    }

    @Test
    void opensThroughASymlinkLikeDevSerialById(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (SocatPtyPair pair = SocatPtyPair.start(T)) {
            java.nio.file.Path byId = java.nio.file.Files.createSymbolicLink(dir.resolve("usb-Fake_Board_0001-if00"),
                    java.nio.file.Path.of(pair.first()));
            try (Link host = Links.create("serial://" + byId);
                 Link board = Links.create("pty://" + pair.second())) {
                RecordingListener boardHeard = new RecordingListener();
                host.open(new RecordingListener(), T);
                board.open(boardHeard, T);
                host.write(new byte[] {'o', 'k'}, T);
                await().atMost(T).until(() -> boardHeard.size() >= 2);
                assertThat(boardHeard.bytes()).isEqualTo(new byte[] {'o', 'k'});
                assertThat(host.capabilities().controlLines()).as("recognised as a pty through the link").isFalse();
            }
        }
    }

    @Test
    void aPtyHasNoModemLinesAndSaysSo() {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Link host = Links.create("serial://" + pair.first())) {
            host.open(new RecordingListener(), T);

            assertThat(host.capabilities().controlLines()).isFalse();
            assertThatThrownBy(() -> host.setControlLine(ControlLine.DTR, true, T))
                    .isInstanceOf(UnsupportedControlException.class)
                    .hasMessageContaining("DTR on a pty")
                    .hasMessageStartingWith("serial://" + pair.first());
            assertThatThrownBy(() -> host.setControlLine(ControlLine.RTS, false, T))
                    .isInstanceOf(UnsupportedControlException.class);
            assertThatThrownBy(() -> host.setBaudRate(9600, T)).isInstanceOf(UnsupportedControlException.class);
        }
    }

    @Test
    void peerGoneIsReportedOnceAndTheListenerThreadEnds() throws Exception {
        SocatPtyPair pair = SocatPtyPair.start(T);
        try (pair; Link host = Links.create("serial://" + pair.first())) {
            RecordingListener heard = new RecordingListener();
            host.open(heard, T);
            await().atMost(T).until(() -> listenerThreads().size() == 1);

            long killedAt = System.nanoTime();
            pair.kill();

            await().atMost(Duration.ofSeconds(1)).until(() -> !heard.disconnects().isEmpty());
            long reportedMs = (System.nanoTime() - killedAt) / 1_000_000;
            await().atMost(Duration.ofSeconds(1)).until(() -> listenerThreads().isEmpty());
            Thread.sleep(300); // room for a duplicate report, had the disconnect storm not been stopped
            assertThat(heard.disconnects()).hasSize(1);
            assertThat(heard.disconnects().get(0)).contains(pair.first()).contains("went away");
            assertThat(host.isOpen()).isFalse();
            assertThat(listenerThreads()).isEmpty();
            assertThatThrownBy(() -> host.write(new byte[] {1}, T))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("write: device is disconnected");
            System.out.printf("serial disconnect reported %d ms after the peer was killed%n", reportedMs);
        }
    }

    @Test
    void closeIsQuickIdempotentAndSilencesTheListener() {
        try (SocatPtyPair pair = SocatPtyPair.start(T)) {
            Link host = Links.create("serial://" + pair.first());
            RecordingListener heard = new RecordingListener();
            host.open(heard, T);
            long start = System.nanoTime();
            host.close();
            host.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).as("close took %d ms", ms).isLessThan(2000);
            assertThat(host.isOpen()).isFalse();
            pair.kill();
            assertThat(heard.disconnects()).as("a closed link reports nothing").isEmpty();
            await().atMost(Duration.ofSeconds(1)).until(() -> listenerThreads().isEmpty());
        }
    }

    @Test
    void exclusiveOpenKeepsASecondOpenerOut() {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Link first = Links.create("serial://" + pair.first() + "?exclusive=true");
             Link second = Links.create("serial://" + pair.first() + "?exclusive=true")) {
            first.open(new RecordingListener(), T);
            assertThatThrownBy(() -> second.open(new RecordingListener(), T))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("open:");
        }
    }

    @Test
    void missingDeviceFailsWithTheStepAndPath() {
        Link link = Links.create("serial:///dev/does-not-exist-llext-hil");
        assertThatThrownBy(() -> link.open(new RecordingListener(), T))
                .isInstanceOf(LinkException.class)
                .hasMessage("serial:///dev/does-not-exist-llext-hil: open: no such device /dev/does-not-exist-llext-hil")
                .satisfies(e -> assertThat(((LinkException) e).step()).isEqualTo("open"));
    }

    private static List<String> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(SerialThreads.PREFIX))
                .toList();
    }

    static String hex(byte[] b) {
        return Arrays.toString(b);
    }
}
