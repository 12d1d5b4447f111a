package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.BoardBusyException;
import io.llexthil.testkit.Ser2netServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A board behind a real ser2net that another host is using: ser2net's refusal ("Port already in
 * use") becomes a busy error naming what holds the board, and waiting takes the board once the
 * other client lets go.
 */
class Ser2netBusyIT {
    @TempDir
    Path tmp;

    @Test
    void aPortInUseIsBusyAndWaitingTakesItWhenFreed() throws Exception {
        Path sim = Boards.repoRoot().resolve("firmware/build/sim/llext-hil-sim");
        assertThat(sim).as("build the firmware first").isExecutable();
        Process board = new ProcessBuilder(sim.toString(), "--flash", tmp.resolve("board.flash").toString(), "--pty")
                .redirectOutput(tmp.resolve("sim.out").toFile()).start();
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(board.getErrorStream(), StandardCharsets.UTF_8))) {
            String listening = stderr.readLine();
            assertThat(listening).startsWith("LISTENING pty ");
            String pty = listening.substring("LISTENING pty ".length()).strip();
            try (FileInputStream hold = new FileInputStream(pty)) {
                OutputStream stdin = board.getOutputStream();
                stdin.write('\n');
                stdin.flush();
                try (Ser2netServer ser2net = Ser2netServer.serve(pty, tmp, Duration.ofSeconds(10))) {
                    String url = "rfc2217://127.0.0.1:" + ser2net.port() + "?baud=115200";
                    BoardProfile profile = BoardConnect.attaching(Boards.profile(null, null, url));
                    Socket otherHost = new Socket("127.0.0.1", ser2net.port());
                    Thread.sleep(300); // ser2net has given the port to the other client

                    assertThatThrownBy(() -> Boards.open(profile, tmp.resolve("a"), AccessMode.READ_ONLY))
                            .isInstanceOf(BoardBusyException.class)
                            .hasMessageContaining("is busy: held by another client of ser2net at 127.0.0.1:" + ser2net.port())
                            .hasMessageContaining("Port already in use");

                    Thread release = new Thread(() -> {
                        try {
                            Thread.sleep(1500);
                            otherHost.close();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    release.start();
                    try (BoardClient client = BusyWait.open(() -> Boards.open(profile, tmp.resolve("b"), AccessMode.READ_ONLY),
                            Duration.ofSeconds(30), profile.name())) {
                        assertThat(client.info().board()).isEqualTo("sim");
                    }
                    release.join(5000);
                }
            }
        } finally {
            board.destroyForcibly();
            board.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
