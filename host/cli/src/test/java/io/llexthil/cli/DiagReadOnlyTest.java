package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.ReadOnlyViolationException;
import io.llexthil.shell.BoardProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field diagnostics against the real simulated board, through a proxy that records every byte the
 * host sends: diag sends only read-only commands, and a read-only connection refuses anything else
 * before a byte leaves the host.
 */
class DiagReadOnlyTest {
    private static final Pattern LISTENING = Pattern.compile("LISTENING tcp 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern READ_ONLY_LINE = Pattern.compile("hil @\\d+:[0-9a-f]{8} (info|state|ctx info)");
    private static final Pattern READ_ONLY_LINE_OR_LAST = Pattern.compile("hil @\\d+:[0-9a-f]{8} (info|state|ctx info|last \\d+)");

    @TempDir
    Path tmp;
    Process sim;
    RecordingProxy proxy;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startSimBehindProxy() throws Exception {
        Path binary = Path.of(System.getProperty("llexthil.firmware.build", "../../firmware/build"), "sim", "llext-hil-sim");
        assertThat(binary).as("the simulated board (cmake -S firmware -B firmware/build && cmake --build firmware/build)")
                .isExecutable();
        sim = new ProcessBuilder(binary.toString(), "--flash", tmp.resolve("board.flash").toString(), "--tcp", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stderr = new BufferedReader(new InputStreamReader(sim.getErrorStream(), StandardCharsets.UTF_8));
        String line = stderr.readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertThat(m.find()).as("sim said: " + line).isTrue();
        proxy = new RecordingProxy(Integer.parseInt(m.group(1)));
        Cli.use(new DefaultBoardBridge(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        Cli.use(null, System.out, System.err);
        proxy.close();
        sim.destroy();
        if (!sim.waitFor(5, TimeUnit.SECONDS)) {
            sim.destroyForcibly();
        }
    }

    private String link() { return "tcp://127.0.0.1:" + proxy.port(); }

    /** The command lines the host typed (prompt probes, i.e. empty lines, dropped). */
    private List<String> sentLines() {
        String text = new String(proxy.sent(), StandardCharsets.ISO_8859_1);
        return Arrays.stream(text.split("[\r\n]+")).filter(l -> !l.isBlank()).toList();
    }

    @Test
    void diagSendsOnlyReadOnlyCommands() throws Exception {
        int rc = Main.execute("diag", "--link", link(), "--runs-dir", tmp.resolve("runs").toString());
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("build id").contains("reset cause").contains("boot counter").contains("context slots");
        List<String> lines = sentLines();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).matches(READ_ONLY_LINE));
        assertThat(lines.stream().map(l -> l.replaceFirst("hil @\\d+:[0-9a-f]{8} ", "")).toList())
                .containsExactly("info", "state", "ctx info");
        try (var runs = Files.list(tmp.resolve("runs"))) {
            Path dir = runs.findFirst().orElseThrow();
            assertThat(dir.resolve("diag.json")).content().contains("\"build\"");
        }
    }

    /**
     * Under noise (bit flips 1e-3 on the way back) diag retries, and every retry is read-only:
     * the recording proxy sits between the fault-injecting one and the board, so it sees what
     * reached the board.
     */
    @Test
    void diagUnderNoiseRetriesWithReadOnlyCommandsOnly() throws Exception {
        try (io.llexthil.testkit.NoisyTcpProxy noisy = io.llexthil.testkit.NoisyTcpProxy.start(
                () -> new java.net.Socket("127.0.0.1", proxy.port()), io.llexthil.testkit.Noise.NONE,
                io.llexthil.testkit.Noise.flips(1e-3), 16)) {
            int rc = Main.execute("diag", "--link", noisy.url(), "--runs-dir", tmp.resolve("runs").toString());
            assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
            List<String> lines = sentLines();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(3).allSatisfy(l -> assertThat(l).matches(READ_ONLY_LINE_OR_LAST));
        }
    }

    @Test
    void jsonOutputAndAllowWriteStillOnlyRead() throws Exception {
        int rc = Main.execute("diag", "--json", "--allow-write", "--link", link(), "--runs-dir", tmp.resolve("runs").toString());
        assertThat(rc).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))
                .path("context").path("slots")).hasSize(2);
        assertThat(sentLines()).allSatisfy(l -> assertThat(l).matches(READ_ONLY_LINE));
    }

    @Test
    void readOnlyConnectionRefusesWritesBeforeSendingAByte() throws Exception {
        DefaultBoardBridge bridge = new DefaultBoardBridge();
        BoardProfile profile = bridge.profile(null, null, link());
        try (BoardClient client = bridge.open(profile, tmp.resolve("ro"), AccessMode.READ_ONLY)) {
            client.info();
            int before = proxy.sent().length;
            assertThatThrownBy(() -> client.ctxErase()).isInstanceOf(ReadOnlyViolationException.class)
                    .hasMessageContaining("--allow-write");
            assertThatThrownBy(() -> client.load("producer")).isInstanceOf(ReadOnlyViolationException.class);
            assertThatThrownBy(() -> client.command("reset cold", java.time.Duration.ofSeconds(1)))
                    .isInstanceOf(ReadOnlyViolationException.class);
            assertThat(proxy.sent().length).as("nothing sent for refused commands").isEqualTo(before);
        }
        assertThat(sentLines()).noneMatch(l -> l.contains("erase") || l.contains("load") || l.contains("reset"));
    }
}
