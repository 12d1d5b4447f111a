package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.inventory.BoardBusyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

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
        try (SimBehindSer2net remote = SimBehindSer2net.start(tmp)) {
            BoardProfile profile = BoardConnect.attaching(Boards.profile(null, null, remote.url()));
            Socket otherHost = new Socket("127.0.0.1", remote.port());
            Thread.sleep(300); // ser2net has given the port to the other client

            assertThatThrownBy(() -> Boards.open(profile, tmp.resolve("a"), AccessMode.READ_ONLY))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessageContaining("is busy: held by another client of ser2net at 127.0.0.1:" + remote.port())
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
}
