package io.llexthil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.LinkException;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.RecordingListener;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.link.ControlLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sim: supervisor against a stand-in process that speaks the sim's process contract
 * (LISTENING line, exit codes 0/3/4/2) over a real TCP socket or a real pty.
 */
class SimLinkSupervisorTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SimLink link(String transport, String extra) {
        return new SimLink(LinkUrl.parse("sim:?flash=" + dir.resolve("board.flash") + "&transport=" + transport
                + "&binary=" + FakeSim.binary() + extra));
    }

    private static void send(SimLink link, String line) {
        link.write((line + "\n").getBytes(StandardCharsets.US_ASCII), T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "pty"})
    void softwareResetAndPowerCutRestartTheBoardBehindTheSameListener(String transport) throws Exception {
        try (SimLink link = link(transport, "&profile=upstream&baud=115200")) {
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            await().atMost(T).until(() -> heard.text().contains("boot 1"));
            assertThat(heard.text()).startsWith("*** Booting Zephyr OS build v4.2.0-llext-hil-sim ***\r\nboot 1 "
                    + "--profile=upstream --baud=115200");
            long firstPid = link.processId();

            send(link, "hello");
            await().atMost(T).until(() -> heard.text().contains("echo:hello"));

            send(link, "reset");  // exit 3
            await().atMost(T).until(() -> heard.text().contains("boot 2"));
            assertThat(heard.text()).contains("resetting\r\n*** Booting Zephyr OS build");
            send(link, "powercut");  // exit 4
            await().atMost(T).until(() -> heard.text().contains("boot 3"));

            send(link, "again");
            await().atMost(T).until(() -> heard.text().contains("echo:again"));
            assertThat(heard.disconnects()).isEmpty();
            assertThat(link.restarts()).isEqualTo(2);
            assertThat(link.processId()).isNotEqualTo(firstPid);
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
            assertThat(Files.readString(dir.resolve("board.flash"))).as("flash persists across runs").isEqualTo("3");
            assertThat(Files.readString(link.logFile())).contains("--- llext-hil run 3", "LISTENING " + transport);
            assertThat(link.isOpen()).isTrue();
        }
    }

    @Test
    void binaryPayloadsSurviveTheTransport() {
        try (SimLink link = link("pty", "")) {
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            await().atMost(T).until(() -> heard.text().contains("uart:~$ "));
            int before = heard.size();
            send(link, "bin 00ff7f80fe01");
            await().atMost(T).until(() -> heard.size() >= before + 8);
            byte[] got = heard.bytes();
            assertThat(java.util.Arrays.copyOfRange(got, before, before + 6))
                    .isEqualTo(new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80, (byte) 0xFE, 1});
        }
    }

    @Test
    void hardResetKillsAndRestartsOnTheSameFlash() {
        try (SimLink link = link("tcp", "")) {
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            await().atMost(T).until(() -> heard.text().contains("boot 1"));
            long pid = link.processId();

            link.hardReset(T);

            await().atMost(T).until(() -> heard.text().contains("boot 2"));
            assertThat(link.processId()).isNotEqualTo(pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
            assertThat(heard.disconnects()).isEmpty();
            assertThat(link.capabilities().controlLines()).isFalse();
            assertThatThrownBy(() -> link.setControlLine(ControlLine.DTR, true, T))
                    .isInstanceOf(UnsupportedControlException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "crash"})
    void anyOtherExitIsOneDisconnectWithCodeAndStderr(String command) throws Exception {
        try (SimLink link = link("tcp", "")) {
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            await().atMost(T).until(() -> heard.text().contains("boot 1"));
            send(link, command);
            await().atMost(T).until(() -> !heard.disconnects().isEmpty());
            Thread.sleep(300);
            assertThat(heard.disconnects()).hasSize(1);
            String reason = heard.disconnects().get(0);
            if (command.equals("off")) {
                assertThat(reason).contains("exited with code 0 (powered off)");
            } else {
                assertThat(reason).contains("exited with code 1 (crashed or failed)", "fake-sim: simulated crash");
            }
            assertThat(reason).contains(link.logFile().toString());
            assertThat(link.isOpen()).isFalse();
            assertThat(link.restarts()).isZero();
        }
    }

    @Test
    void connectionLostWhileTheProcessLivesOnIsADisconnectNotAHang() {
        try (SimLink link = link("tcp", "")) {
            RecordingListener heard = new RecordingListener();
            link.open(heard, T);
            await().atMost(T).until(() -> heard.text().contains("boot 1"));
            long pid = link.processId();
            send(link, "hang");
            await().atMost(T).until(() -> !heard.disconnects().isEmpty());
            assertThat(heard.disconnects()).singleElement().asString().contains("killed");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        }
    }

    @Test
    void closeReapsTheProcessQuickly() {
        SimLink link = link("pty", "");
        RecordingListener heard = new RecordingListener();
        link.open(heard, T);
        await().atMost(T).until(() -> heard.text().contains("boot 1"));
        long pid = link.processId();
        long start = System.nanoTime();
        link.close();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("close took %d ms", ms).isLessThan(2000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(heard.disconnects()).isEmpty();
        link.close();
    }

    @Test
    void badCommandLineFailsOpenWithTheSimsOwnMessage() {
        SimLink link = link("tcp", "&build-id=00112233");  // the stand-in rejects --build-id with exit 2
        assertThatThrownBy(() -> link.open(new RecordingListener(), T))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining(": start: process exited with code 2 before printing LISTENING")
                .hasMessageContaining("unknown option --build-id");
        link.close();
    }

    @Test
    void missingBinarySaysHowToBuildIt() {
        SimLink link = new SimLink(LinkUrl.parse("sim:?flash=" + dir.resolve("f") + "&binary=" + dir.resolve("no-such-sim")));
        assertThatThrownBy(() -> link.open(new RecordingListener(), T))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("start: simulated board binary " + dir.resolve("no-such-sim"))
                .hasMessageContaining("cmake -S firmware -B firmware/build");
    }
}
