package io.llexthil.link.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.Links;
import io.llexthil.link.RecordingListener;
import io.llexthil.link.UnsupportedControlException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TcpLink against a plain java.net.ServerSocket as the peer. */
class TcpLinkTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void bytesFlowBothWaysAndEofIsOneDisconnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Link link = Links.create("tcp://127.0.0.1:" + server.getLocalPort() + "?nodelay=true")) {
            RecordingListener heard = new RecordingListener();
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(heard, T);
            byte[] all = RecordingListener.allByteValues();
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                link.write(all, T);
                byte[] got = peer.getInputStream().readNBytes(all.length);
                assertThat(got).isEqualTo(all);
                peer.getOutputStream().write(all);
                peer.getOutputStream().flush();
                await().atMost(T).until(() -> heard.size() >= all.length);
                assertThat(heard.bytes()).isEqualTo(all);
                assertThat(heard.threads()).singleElement().satisfies(n -> assertThat(n).startsWith("llext-hil-tcp-"));
            }
            await().atMost(Duration.ofSeconds(1)).until(() -> !heard.disconnects().isEmpty());
            Thread.sleep(200);
            assertThat(heard.disconnects()).hasSize(1);
            assertThat(heard.disconnects().get(0)).contains("peer closed the connection");
            assertThat(link.isOpen()).isFalse();
            assertThatThrownBy(() -> link.write(new byte[] {1}, T))
                    .isInstanceOf(LinkException.class).hasMessageContaining(": write: ");
        }
    }

    @Test
    void refusedConnectionNamesLinkAndStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Link link = Links.create("tcp://127.0.0.1:" + port);
        assertThatThrownBy(() -> link.open(new RecordingListener(), T))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("tcp://127.0.0.1:" + port + ": connect: ")
                .hasMessageContaining("refused");
        link.close();
        assertThat(tcpThreads()).isZero();
    }

    @Test
    void writeToAPeerThatDoesNotReadTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Link link = Links.create("tcp://127.0.0.1:" + server.getLocalPort())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(new RecordingListener(), T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                byte[] big = new byte[64 * 1024 * 1024];
                assertThatThrownBy(() -> link.write(big, Duration.ofMillis(300)))
                        .isInstanceOf(LinkException.class)
                        .hasMessageContaining("write: timed out after 300 ms");
                InputStream unused = peer.getInputStream();
                assertThat(unused).isNotNull();
            }
        }
    }

    @Test
    void rawTcpHasNoControlLinesAndCloseReleasesTheThread() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Link link = Links.create("tcp://127.0.0.1:" + server.getLocalPort());
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                assertThatThrownBy(() -> link.setControlLine(ControlLine.DTR, true, T))
                        .isInstanceOf(UnsupportedControlException.class);
                assertThatThrownBy(() -> link.setBaudRate(9600, T)).isInstanceOf(UnsupportedControlException.class);
                long start = System.nanoTime();
                link.close();
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(ms).as("close took %d ms", ms).isLessThan(2000);
                assertThat(peer.getInputStream().read()).as("peer sees EOF").isEqualTo(-1);
            }
            assertThat(heard.disconnects()).as("a closed link reports nothing").isEmpty();
            await().atMost(Duration.ofSeconds(2)).until(() -> tcpThreads() == 0);
        }
    }

    private static long tcpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("llext-hil-tcp-")).count();
    }

    private static Socket accept(ServerSocket server) {
        try {
            server.setSoTimeout(5000);
            return server.accept();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
