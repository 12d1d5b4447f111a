package io.llexthil.link.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.LinkException;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.RecordingListener;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The caller-driven TCP link against a plain java.net.ServerSocket as the peer. */
class DirectTcpLinkTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final long SECOND = 1_000_000_000L;

    private static DirectTcpLink link(ServerSocket server) {
        return new DirectTcpLink(LinkUrl.parse("tcp://127.0.0.1:" + server.getLocalPort()));
    }

    @Test
    void aPumpingCallerGetsTheAnswerInOrder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DirectTcpLink link = link(server)) {
            RecordingListener heard = new RecordingListener();
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(heard, T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                CompletableFuture<Void> answers = CompletableFuture.runAsync(() -> answer(peer, "ping\r", "pong"));
                link.write("ping\r".getBytes(), T);
                long deadline = System.nanoTime() + 5 * SECOND;
                while (heard.size() < 4 && System.nanoTime() < deadline) {
                    assertThat(link.pump(SECOND, () -> heard.size() >= 4)).isTrue();
                }
                answers.get(5, TimeUnit.SECONDS);
                assertThat(heard.text()).isEqualTo("pong");
                // read by this thread, or by the reader thread if this one was descheduled too long
                assertThat(heard.threads()).allMatch(t -> t.equals(Thread.currentThread().getName())
                        || t.startsWith("llext-hil-tcp-127.0.0.1:"));
            }
        }
    }

    @Test
    void aCallerThatIsCaughtUpIsNotKeptWaiting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DirectTcpLink link = link(server)) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(new RecordingListener(), T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                // nothing will arrive: only caughtUp can end this call before its (long) limit
                CompletableFuture<Boolean> pumped = CompletableFuture.supplyAsync(() -> link.pump(600 * SECOND, () -> true));
                assertThat(pumped.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void bytesNobodyPumpsForArriveOnTheReaderThreadInOrder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DirectTcpLink link = link(server)) {
            RecordingListener heard = new RecordingListener();
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(heard, T);
            byte[] all = RecordingListener.allByteValues();
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                peer.getOutputStream().write(all);
                await().atMost(T).until(() -> heard.size() >= all.length);
                assertThat(heard.bytes()).isEqualTo(all);
                assertThat(heard.threads()).allMatch(t -> t.startsWith("llext-hil-tcp-127.0.0.1:"));
            }
            await().atMost(T).until(() -> heard.disconnects().size() == 1);
            assertThat(heard.disconnects().get(0)).startsWith("peer closed the connection to 127.0.0.1:");
            assertThat(link.isOpen()).isFalse();
            assertThat(link.pump(SECOND, () -> false)).isFalse();
            assertThatThrownBy(() -> link.write(new byte[] {1}, T)).isInstanceOf(LinkException.class);
        }
    }

    @Test
    void aPeerThatDoesNotReadMakesTheWriteTimeOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DirectTcpLink link = link(server)) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(new RecordingListener(), T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                byte[] big = new byte[64 << 20]; // far more than both socket buffers hold
                assertThatThrownBy(() -> link.write(big, Duration.ofMillis(300)))
                        .isInstanceOf(LinkException.class)
                        .hasMessageContaining("write: timed out after 300 ms writing " + big.length
                                + " bytes (the peer is not reading)");
            }
        }
    }

    @Test
    void closeEndsAWaitingPumpAndSilencesTheListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DirectTcpLink link = link(server);
            RecordingListener heard = new RecordingListener();
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(server));
            link.open(heard, T);
            try (Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                CompletableFuture<Boolean> pumping = CompletableFuture.supplyAsync(() -> link.pump(600 * SECOND, () -> false));
                link.close();
                pumping.get(30, TimeUnit.SECONDS); // ended by the close, not by its 600 s limit
                OutputStream out = peer.getOutputStream();
                out.write("late".getBytes());
                assertThat(heard.size()).isZero();
                assertThat(heard.disconnects()).isEmpty();
            }
        }
    }

    private static void answer(Socket peer, String expect, String reply) {
        try {
            byte[] got = peer.getInputStream().readNBytes(expect.length());
            assertThat(new String(got)).isEqualTo(expect);
            peer.getOutputStream().write(reply.getBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Socket accept(ServerSocket server) {
        try {
            return server.accept();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
