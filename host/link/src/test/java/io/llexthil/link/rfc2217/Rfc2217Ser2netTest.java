package io.llexthil.link.rfc2217;

import io.llexthil.testkit.Ser2netServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.Links;
import io.llexthil.link.RecordingListener;
import io.llexthil.testkit.SocatPtyPair;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rfc2217Link against a real ser2net 4.x: ser2net serves one end of a socat pty pair, the test
 * plays the board on the other end through a pty link.
 */
class Rfc2217Ser2netTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void bytesBothWaysIncludingFFAndABaudChangeIsAcknowledged() throws Exception {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Ser2netServer ser2net = Ser2netServer.serve(pair.first(), dir, T);
             Link board = Links.create("pty://" + pair.second());
             Link host = Links.create("rfc2217://127.0.0.1:" + ser2net.port() + "?baud=115200")) {
            RecordingListener boardHeard = new RecordingListener();
            RecordingListener hostHeard = new RecordingListener();
            board.open(boardHeard, T);
            host.open(hostHeard, T);
            assertThat(host.capabilities().baudRate()).as("COM-PORT-OPTION accepted; ser2net log: %s", ser2net.log()).isTrue();

            byte[] all = RecordingListener.allByteValues();
            host.write(all, T);
            await().atMost(T).until(() -> boardHeard.size() >= all.length);
            assertThat(boardHeard.bytes()).isEqualTo(all);

            board.write(all, T);
            await().atMost(T).until(() -> hostHeard.size() >= all.length);
            assertThat(hostHeard.bytes()).isEqualTo(all);

            // returns only when ser2net answered SET-BAUDRATE (101) with the same rate
            host.setBaudRate(9600, T);
            assertThat(ptySpeed(pair.first())).as("ser2net applied it to its tty").isEqualTo("9600");
            host.setBaudRate(115200, T);
            assertThat(ptySpeed(pair.first())).isEqualTo("115200");

            // still a clean byte stream after the control traffic
            host.write(new byte[] {(byte) 0xFF, 0x00, 'k'}, T);
            await().atMost(T).until(() -> boardHeard.size() >= all.length + 3);
            assertThat(boardHeard.bytes()).endsWith((byte) 0xFF, (byte) 0x00, (byte) 'k');
            assertThat(hostHeard.disconnects()).isEmpty();
        }
    }

    private static String ptySpeed(String device) throws Exception {
        Process stty = new ProcessBuilder("stty", "-F", device, "speed").redirectErrorStream(true).start();
        String out = new String(stty.getInputStream().readAllBytes()).trim();
        assertThat(stty.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void dtrOnAPtyBehindSer2netIsSentButNotClaimedAndDoesNotHang() throws Exception {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Ser2netServer ser2net = Ser2netServer.serve(pair.first(), dir, T);
             Link host = Links.create("rfc2217://127.0.0.1:" + ser2net.port() + "?control-confirm-ms=300")) {
            host.open(new RecordingListener(), T);
            long start = System.nanoTime();
            host.setControlLine(ControlLine.DTR, true, T);
            long ms = (System.nanoTime() - start) / 1_000_000;
            // ser2net does not answer SET-CONTROL on a pty: we waited the confirm time, not the full timeout
            assertThat(ms).as("waited %d ms", ms).isBetween(250L, 2000L);
            assertThat(host.isOpen()).isTrue();
            assertThat(((Rfc2217Link) host).lastModemState()).as("ser2net notifies the modem state after WILL 44")
                    .isPresent();
        }
    }

    @Test
    void serverGoneIsOneDisconnect() throws Exception {
        try (SocatPtyPair pair = SocatPtyPair.start(T);
             Ser2netServer ser2net = Ser2netServer.serve(pair.first(), dir, T);
             Link host = Links.create("rfc2217://127.0.0.1:" + ser2net.port())) {
            RecordingListener heard = new RecordingListener();
            host.open(heard, T);
            ser2net.kill();
            await().atMost(Duration.ofSeconds(1)).until(() -> !heard.disconnects().isEmpty());
            Thread.sleep(200);
            assertThat(heard.disconnects()).hasSize(1);
            assertThat(host.isOpen()).isFalse();
        }
    }
}
