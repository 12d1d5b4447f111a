package io.llexthil.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.llexthil.testkit.ReceivedChunk;
import io.llexthil.testkit.Reply;

/**
 * The session against a scripted Zephyr shell, run once per transport by the subclasses (TCP
 * through the Netty link, a socat pty through the jSerialComm link).
 */
abstract class SessionScenarios {
    private static final Duration T = BoardUnderTest.T;

    @TempDir Path runDir;
    private BoardUnderTest board;

    abstract BoardUnderTest.Transport transport();

    BoardUnderTest start(BoardProfile profile) {
        board = BoardUnderTest.start(transport(), profile, runDir);
        return board;
    }

    BoardUnderTest booted() { return start(BoardUnderTest.fastProfile("dut-" + transport()).build()).booted(); }

    @AfterEach
    void tearDown() {
        if (board != null) board.close();
    }

    @Test
    void echoOnGivesOutputWithoutEchoOrPrompt() {
        BoardUnderTest b = booted();
        b.fake.onCommand("kernel version", Reply.lines("Zephyr version 4.2.0"));

        CommandResult r = b.session.exec("kernel version", T);

        assertThat(r.output()).containsExactly("Zephyr version 4.2.0");
        assertThat(r.logs()).isEmpty();
        assertThat(r.epoch()).isEqualTo(1);
        assertThat(r.retval()).isEmpty();
        assertThat(b.fake.commands()).containsExactly("kernel version");
    }

    @Test
    void echoOffGivesTheSameOutput() {
        BoardUnderTest b = booted();
        b.fake.echo(false);
        b.fake.onCommand("hil info", Reply.lines("line 1", "", "line 3"));

        CommandResult r = b.session.exec("hil info", T);

        assertThat(r.output()).containsExactly("line 1", "", "line 3");
        assertThat(new String(b.fake.receivedBytes(), StandardCharsets.UTF_8)).endsWith("hil info\n");
    }

    @Test
    void coloursAreStrippedFromPromptOutputAndLogs() {
        BoardUnderTest b = booted();
        b.fake.colours(true);
        b.session.exec("", T); // the next prompt comes in colour
        b.fake.onCommand("status", Reply.empty().colouredLine("OK", 32).log("err", "hil", "something bad").line("done"));

        CommandResult r = b.session.exec("status", T);

        assertThat(r.output()).containsExactly("OK", "done");
        assertThat(r.logs()).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo("err");
            assertThat(l.module()).isEqualTo("hil");
            assertThat(l.message()).isEqualTo("something bad");
        });
    }

    @Test
    void asyncLogLinesMidCommandAreSeparatedFromOutput() {
        BoardUnderTest b = booted();
        b.fake.onCommand(Pattern.compile("hil state.*"), Reply.empty().line("a").log("inf", "llext", "loaded x")
                .line("b").logWithoutTimestamp("wrn", "heap", "low").line("c"));

        CommandResult r = b.session.exec("hil state --all", T);

        assertThat(r.output()).containsExactly("a", "b", "c");
        assertThat(r.logs()).extracting(BoardLogLine::module).containsExactly("llext", "heap");
        assertThat(r.logs().get(1).timestamp()).isEmpty();
    }

    @Test
    void logReprintedAroundThePromptWhileTypingIsNotTakenForTheEnd() {
        BoardUnderTest b = booted();
        b.fake.onPartialInput("hil ctx", Reply.empty().logAtPrompt("inf", "app", "tick 1"));
        b.fake.onPartialInput("hil ctx sa", Reply.empty().logAtPromptWithCr("inf", "app", "tick 2"));
        b.fake.onCommand("hil ctx save", Reply.lines("saved"));

        CommandResult r = b.session.exec("hil ctx save", T);

        assertThat(r.output()).containsExactly("saved");
        assertThat(r.logs()).extracting(BoardLogLine::message).containsExactly("tick 1", "tick 2");
    }

    @Test
    void logAtAnIdlePromptIsNotAttributedToTheNextCommand() throws Exception {
        BoardUnderTest b = booted();
        b.fake.emit(Reply.empty().logAtPrompt("inf", "app", "idle tick").noPrompt());
        await().atMost(T).until(() -> b.session.transcript().strippedLines().stream().anyMatch(l -> l.contains("idle tick")));
        b.fake.onCommand("x", Reply.lines("y"));

        CommandResult r = b.session.exec("x", T);

        assertThat(r.output()).containsExactly("y");
        assertThat(r.logs()).isEmpty();
    }

    @Test
    void aBannerStartsANewEpochAndStaleLinesAreNotAttributedToIt() {
        BoardUnderTest b = booted();
        int before = b.session.epoch();
        // an asynchronous reply printed before the reset, never consumed
        b.fake.emit(Reply.lines("ack 7 from the old boot").noPrompt());
        await().atMost(T).until(() -> b.session.transcript().strippedLines().stream()
                .anyMatch(l -> l.endsWith("ack 7 from the old boot")));

        b.fake.boot(); // the board resets
        BootEpoch epoch = b.session.awaitReady(T);

        assertThat(epoch.number()).isEqualTo(before + 1);
        assertThat(epoch.banner()).contains("Booting Zephyr OS build");
        assertThatThrownBy(() -> b.session.awaitLine(l -> l.startsWith("ack"), Duration.ofMillis(300)))
                .isInstanceOf(ShellTimeoutException.class).hasMessageContaining("awaitLine");
        b.fake.onCommand("kernel uptime", Reply.lines("Uptime: 12 ms"));
        assertThat(b.session.exec("kernel uptime", T).epoch()).isEqualTo(before + 1);
    }

    @Test
    void aRebootDuringACommandFailsItAsARebootNotACrash() {
        BoardUnderTest b = booted();
        b.fake.onCommand("hil load ext1", Reply.lines("loading").banner());

        assertThatThrownBy(() -> b.session.exec("hil load ext1", T))
                .isExactlyInstanceOf(ShellException.class)
                .hasMessageContaining("dut-" + transport())
                .hasMessageContaining("exec 'hil load ext1'")
                .hasMessageContaining("rebooted during command");
        assertThat(b.session.epoch()).isEqualTo(2);
        b.session.awaitReady(T);
        assertThatThrownBy(() -> b.session.awaitLine(l -> l.equals("loading"), Duration.ofMillis(200)))
                .isInstanceOf(ShellTimeoutException.class);
    }

    @Test
    void aFatalBannerDuringACommandIsACrashNotATimeout() {
        BoardUnderTest b = booted();
        b.fake.onCommand("hil call ext1 boom", Reply.lines("calling").fatal());
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> b.session.exec("hil call ext1 boom", Duration.ofSeconds(30)))
                .isInstanceOf(BoardCrashedException.class)
                .hasMessageContaining("ZEPHYR FATAL ERROR")
                .hasMessageContaining("exec 'hil call ext1 boom'")
                .satisfies(e -> assertThat(((ShellException) e).lastBytes()).isNotEmpty());
        // a crash is reported when it happens, not when the 30 s timeout runs out
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBoardThatNeverAnswersTimesOutAtTheConfiguredTime() {
        BoardUnderTest b = booted();
        b.fake.onCommand("hang", Reply.empty().silence());
        Duration timeout = Duration.ofMillis(700);
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> b.session.exec("hang", timeout))
                .isInstanceOf(ShellTimeoutException.class)
                .hasMessageContaining("dut-" + transport() + ": exec 'hang': no prompt after")
                .hasMessageContaining("last bytes: \"")
                .hasMessageContaining("hang\\r\\n");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(5));
    }

    @Test
    void peerDisconnectMidCommandIsReportedQuicklyAndLeavesNothingSpinning() throws Exception {
        Set<Long> threadsBefore = liveThreadIds();
        BoardUnderTest b = booted();
        b.fake.onCommand("hil upload data x", Reply.lines("partial").sleep(Duration.ofMillis(100)).disconnect());
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> b.session.exec("hil upload data x", Duration.ofSeconds(20)))
                .isInstanceOf(ShellDisconnectedException.class)
                .hasMessageContaining("exec 'hil upload data x'")
                .hasMessageContaining("link went away");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofMillis(1100)); // 100 ms of the fake's own sleep included

        // later calls fail at once too
        assertThatThrownBy(() -> b.session.exec("again", T)).isInstanceOf(ShellDisconnectedException.class);
        // no thread started for this board burns CPU while the session is still open
        assertThat(cpuNanosOfNewThreads(threadsBefore, Duration.ofMillis(300))).isLessThan(100_000_000L);
        b.session.close();
        await().atMost(T).until(() -> newLinkThreads(threadsBefore).isEmpty());
    }

    @Test
    void aLongCommandWhoseEchoWrapsAtTheTerminalWidthIsStillRecognised() {
        BoardUnderTest b = booted();
        String command = "hil upload begin " + "a-very-long-extension-name-".repeat(6) + " 4096 0123abcd";
        b.fake.onCommand(command, Reply.lines("@@HIL|0|0|{}|00000000"));

        CommandResult r = b.session.exec(command, T);

        assertThat(command.length() + "uart:~$ ".length()).isGreaterThan(160); // wraps twice at 80 columns
        assertThat(r.output()).containsExactly("@@HIL|0|0|{}|00000000");
        // the echo really was wrapped: its first line is exactly 80 columns wide
        assertThat(b.session.transcript().strippedLines())
                .anyMatch(l -> l.startsWith("uart:~$ hil upload begin") && l.length() == 80);
    }

    @Test
    void outputThatMerelyStartsLikeTheCommandIsKept() {
        BoardUnderTest b = booted();
        b.fake.echo(false);
        b.fake.onCommand("kernel threads", Reply.lines("kernel", "threads: 4"));

        assertThat(b.session.exec("kernel threads", T).output()).containsExactly("kernel", "threads: 4");
    }

    @Test
    void slowBytesOneAtATimeAreDecodedTheSame() {
        BoardUnderTest b = booted();
        b.fake.onCommand("slow", Reply.empty()
                .slow("\u001b[1;33mslow line\u001b[0m\r\n<inf> uart: byte by byte\r\nuart:~$ ", Duration.ofMillis(1))
                .noPrompt());

        CommandResult r = b.session.exec("slow", T);

        assertThat(r.output()).containsExactly("slow line");
        assertThat(r.logs()).extracting(BoardLogLine::message).containsExactly("byte by byte");
    }

    @Test
    void openingALinkThatCannotOpenNamesTheBoardAndTheLink() {
        BoardProfile profile = BoardUnderTest.fastProfile("ghost").build();
        io.llexthil.link.Link link = io.llexthil.link.Links.create("serial:///dev/no-such-tty");
        assertThatThrownBy(() -> DefaultShellSession.open(link, profile, runDir))
                .isExactlyInstanceOf(ShellException.class)
                .hasMessageStartingWith("ghost: open serial:///dev/no-such-tty: cannot open the link: ");
    }

    @Test
    void aMegabyteLogFloodDuringACommandStillSeparatesOutput() {
        BoardUnderTest b = booted();
        b.fake.onCommand("flood", Reply.empty().line("before").logFlood(1 << 20).line("after"));

        CommandResult r = b.session.exec("flood", Duration.ofSeconds(60));

        assertThat(r.output()).containsExactly("before", "after");
        assertThat(r.logs()).hasSizeGreaterThan(10_000).allMatch(l -> l.module().equals("flood"));
    }

    @Test
    void commandsArePacedInChunksWithDelays() {
        BoardProfile profile = BoardUnderTest.fastProfile("paced").txChunk(4).txDelay(Duration.ofMillis(25)).build();
        BoardUnderTest b = start(profile).booted();
        b.fake.onCommand("pace check 123", Reply.lines("ok"));
        int before = b.fake.receivedChunks().size();

        assertThat(b.session.exec("pace check 123", T).output()).containsExactly("ok");

        List<ReceivedChunk> chunks = b.fake.receivedChunks().subList(before, b.fake.receivedChunks().size());
        assertThat(chunks).hasSize(4); // 15 bytes in chunks of 4
        assertThat(chunks).allMatch(c -> c.bytes().length <= 4);
        long spanMs = (chunks.get(3).nanos() - chunks.get(0).nanos()) / 1_000_000;
        assertThat(spanMs).isGreaterThanOrEqualTo(40); // three pauses of 25 ms, minus delivery jitter
    }

    @Test
    void retvalIsReportedWhenTheProfileSaysSo() {
        BoardUnderTest b = start(BoardUnderTest.fastProfile("rv").retval(true).build()).booted();
        b.fake.onCommand("hil load missing", Reply.lines("no such extension").retval(-2));

        CommandResult r = b.session.exec("hil load missing", T);

        assertThat(r.output()).containsExactly("no such extension");
        assertThat(r.retval()).hasValue(-2);
        assertThat(b.fake.commands()).containsExactly("hil load missing", "retval");
    }

    @Test
    void awaitLineReturnsAnAsynchronousReplyAfterThePrompt() {
        BoardUnderTest b = booted();
        b.fake.onCommand("hil upload begin", Reply.lines("started"));
        b.session.exec("hil upload begin", T);
        b.fake.emit(Reply.lines("noise", "@@ACK 1").noPrompt());

        assertThat(b.session.awaitLine(l -> l.startsWith("@@ACK"), T)).isEqualTo("@@ACK 1");
    }

    @Test
    void transcriptsAreWrittenRawAndStripped() throws Exception {
        BoardUnderTest b = booted();
        b.fake.colours(true);
        b.fake.onCommand("hello", Reply.empty().colouredLine("world", 31));
        b.session.exec("hello", T);
        b.session.close();

        String raw = Files.readString(b.session.transcript().rawFile(), StandardCharsets.ISO_8859_1);
        String stripped = Files.readString(b.session.transcript().strippedFile());
        assertThat(raw).contains("=== TX ").contains("=== RX ").contains("\u001b[1;31mworld\u001b[0m");
        assertThat(stripped).containsPattern("\\dZ TX hello\\n").containsPattern("\\dZ RX world\\n")
                .doesNotContain("\u001b");
        assertThat(b.session.transcript().strippedLines()).contains("world");
    }

    static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) ids.add(t.getId());
        return ids;
    }

    private static List<Thread> newLinkThreads(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()) && t.isAlive())
                .filter(t -> !t.getName().startsWith("fake-zephyr") && !t.getName().startsWith("socat-stderr")
                        && !t.getName().startsWith("process reaper") && !t.getName().startsWith("awaitility"))
                .toList();
    }

    private static long cpuNanosOfNewThreads(Set<Long> before, Duration window) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Thread> threads = newLinkThreads(before);
        long start = 0;
        for (Thread t : threads) start += Math.max(0, mx.getThreadCpuTime(t.getId()));
        Thread.sleep(window.toMillis());
        long end = 0;
        for (Thread t : threads) end += Math.max(0, mx.getThreadCpuTime(t.getId()));
        return end - start;
    }
}
