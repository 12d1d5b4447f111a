package io.llexthil.link.qemu;

import static io.llexthil.link.qemu.TestFirmware.BANNER;
import static io.llexthil.link.qemu.TestFirmware.PROMPT;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llexthil.link.ControlLine;
import io.llexthil.link.LinkException;
import io.llexthil.link.UnsupportedControlException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The QEMU link end to end: real qemu-system-arm, real firmware (firmware/qemu-test), loopback only. */
class QemuLinkTest {
    private static final Duration OPEN = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String HELLO_ANSWER = "hello\r\nhello from mps2-an385\r\n" + PROMPT;

    private QemuLink link;
    private final RecordingListener console = new RecordingListener();

    private QemuLink openLink(TestInfo test) {
        QemuSpec spec = QemuSpec.of("arm", TestFirmware.MACHINE, TestFirmware.elf())
                .withWorkDir(TestFirmware.workDir(test.getTestMethod().orElseThrow().getName()));
        link = new QemuLink(spec);
        link.open(console, OPEN);
        return link;
    }

    /** Awaitility polls every 100 ms by default; a QEMU console answers in about a millisecond. */
    private static ConditionFactory eventually() {
        return await().atMost(STEP).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    @AfterEach
    void closeLink() {
        if (link != null) {
            link.close();
        }
    }

    @Test
    void bootBannerIsTheFirstThingReceivedAndHelloIsAnswered(TestInfo test) {
        openLink(test);

        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(PROMPT));
        // nothing lost at start: the very first byte received is the banner's first
        assertThat(console.text()).isEqualTo(BANNER + PROMPT);

        link.write("hello\r".getBytes(US_ASCII), STEP);

        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(HELLO_ANSWER));
        assertThat(console.text()).isEqualTo(BANNER + PROMPT + HELLO_ANSWER);
        assertThat(link.isOpen()).isTrue();
    }

    @Test
    void qmpSystemResetBootsAgainOnTheSameConnectionWithNothingLost(TestInfo test) {
        openLink(test);
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(PROMPT));
        link.write("hello\r".getBytes(US_ASCII), STEP);
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(HELLO_ANSWER));

        link.hardReset(STEP);

        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(BANNER + PROMPT));
        assertThat(console.text()).isEqualTo(BANNER + PROMPT + HELLO_ANSWER + BANNER + PROMPT);
        assertThat(link.isOpen()).isTrue();
        // the new boot answers on the same connection
        link.write("hello\r".getBytes(US_ASCII), STEP);
        eventually().untilAsserted(() -> assertThat(console.count("hello from mps2-an385")).isEqualTo(2));
    }

    @Test
    void guestRequestedResetIsReportedAsResetEventAndBootsAgain(TestInfo test) {
        openLink(test);
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(PROMPT));
        link.qmp().discardEvents(null);

        link.write("reboot\r".getBytes(US_ASCII), STEP);

        QmpEvent reset = link.qmp().awaitEvent("RESET", STEP);
        assertThat(reset.data().path("guest").asBoolean()).isTrue();
        assertThat(reset.data().path("reason").asText()).isEqualTo("guest-reset");
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(BANNER + PROMPT));
        assertThat(console.text()).isEqualTo(BANNER + PROMPT + "reboot\r\nrebooting\r\n" + BANNER + PROMPT);
    }

    @Test
    void quitCountsAsSuccessThenTheProcessIsReapedAndTheLinkDisconnects(TestInfo test) {
        openLink(test);
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(PROMPT));
        QemuProcess qemu = link.process();

        link.qmp().quit(STEP); // QEMU may close the socket before replying: that is success

        assertThat(qemu.awaitExit(STEP)).as("QEMU exited").isTrue();
        assertThat(qemu.exitCode()).hasValue(0);
        eventually().untilAsserted(() -> assertThat(console.disconnects()).isEqualTo(1));
        assertThat(console.disconnectReason()).contains("exited with code 0");
        assertThat(link.isOpen()).isFalse();
        assertThatThrownBy(() -> link.write("x".getBytes(US_ASCII), STEP))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("not open");
    }

    @Test
    void closeStopsQemuAndIsIdempotent(TestInfo test) throws Exception {
        openLink(test);
        eventually().untilAsserted(() -> assertThat(console.text()).endsWith(PROMPT));
        QemuProcess qemu = link.process();
        ProcessHandle handle = ProcessHandle.of(qemu.pid()).orElseThrow();

        link.close();
        link.close();

        assertThat(handle.isAlive()).isFalse();
        assertThat(link.isOpen()).isFalse();
        assertThat(console.disconnects()).as("close by the owner is not a peer disconnect").isZero();
        // QEMU's own transcript (chardev logfile) has the whole session
        assertThat(Files.readString(qemu.transcript(), US_ASCII)).isEqualTo(BANNER + PROMPT);
        assertThat(Files.readString(qemu.stderrFile())).isEmpty();
    }

    /** "7.2.22" from "QEMU emulator version 7.2.22 (Debian ...)": the same binary, asked directly. */
    private static String versionFromCommandLine() throws Exception {
        Process p = new ProcessBuilder("qemu-system-arm", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), US_ASCII);
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("version (\\d+\\.\\d+\\.\\d+)").matcher(out);
        assertThat(m.find()).as("version in: %s", out).isTrue();
        return m.group(1);
    }

    @Test
    void reportsVersionAndHasNoControlLines(TestInfo test) throws Exception {
        openLink(test);

        assertThat(link.qemuVersion()).startsWith(versionFromCommandLine());
        assertThat(link.qmp().queryStatus(STEP)).isEqualTo("running");
        assertThat(link.capabilities().controlLines()).isFalse();
        assertThat(link.capabilities().baudRate()).isFalse();
        assertThatThrownBy(() -> link.setControlLine(ControlLine.DTR, true, STEP))
                .isInstanceOf(UnsupportedControlException.class);
        assertThatThrownBy(() -> link.setBaudRate(9600, STEP)).isInstanceOf(UnsupportedControlException.class);
    }
}
