package io.llexthil.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scripted Zephyr shell peer, in the spirit of OkHttp's MockWebServer: it serves over a
 * loopback TCP port ({@link #tcp()}) or one end of a pty pair ({@link #pty}), behaves like
 * Zephyr's UART shell (prompt {@code uart:~$ } without newline, echo of typed characters,
 * CR/LF/CRLF all accepted as Enter, CRLF output, optional VT100 colours, {@code retval}), and
 * answers commands from a script ({@link #onCommand}). It records every byte it receives.
 *
 * <p>Input is handled on one "shell thread", like Zephyr's: while a reply runs, typed bytes
 * wait (and are recorded on arrival). Dependency-free: JDK and SLF4J only.
 */
public final class FakeZephyrShell implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeZephyrShell.class);
    private static final Object STOP = new Object();

    private final FakeTransport transport;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<PartialHook> partialHooks = new CopyOnWriteArrayList<>();
    private final List<ReceivedChunk> chunks = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptErrors = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();
    private final Console console = new Console();
    private final Thread shellThread;
    private final long bootNanos = System.nanoTime();
    private volatile String prompt = "uart:~$ ";
    private volatile boolean echo = true;
    private volatile boolean colours;
    private volatile int terminalWidth = 80;
    private volatile boolean closed;
    // line editing state of the shell thread (Zephyr's cmd_buff and last_nl flag)
    private final StringBuilder typedLine = new StringBuilder();
    private int lastNewline;

    private record Rule(Pattern pattern, java.util.function.Function<String, Reply> replies) {
        Reply replyFor(String command) { return replies.apply(command); }
    }

    private static final class PartialHook {
        final String typed;
        final Reply reply;
        boolean fired;

        PartialHook(String typed, Reply reply) { this.typed = typed; this.reply = reply; }
    }

    private FakeZephyrShell(FakeTransport transport) {
        this.transport = transport;
        shellThread = new Thread(this::shellLoop, "fake-zephyr-shell");
        shellThread.setDaemon(true);
        shellThread.start();
        transport.start(this::onChunk);
    }

    /** A fake listening on {@code 127.0.0.1:<ephemeral port>}; see {@link #port()}. */
    public static FakeZephyrShell tcp() { return new FakeZephyrShell(new TcpFakeTransport()); }

    /**
     * A fake on a pty device (one end of a pair; the host opens the other end).
     * {@code hangUp} is run for {@link Reply#disconnect()}, e.g. closing the pair, so the host
     * sees its device go away.
     */
    public static FakeZephyrShell pty(Path device, Runnable hangUp) {
        return new FakeZephyrShell(new PtyFakeTransport(device, hangUp));
    }

    /** The TCP port; only for {@link #tcp()} fakes. */
    public int port() {
        if (transport instanceof TcpFakeTransport t) return t.port();
        throw new IllegalStateException("not a TCP fake");
    }

    /** Waits until a TCP client is connected (a pty is always "connected"). */
    public void awaitClient(Duration timeout) {
        if (!(transport instanceof TcpFakeTransport t)) return;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!t.connected()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("fake shell: no client within " + timeout);
            sleepQuietly(2);
        }
    }

    // ------------------------------------------------------------------ script

    public FakeZephyrShell prompt(String p) { prompt = p; return this; }

    public FakeZephyrShell echo(boolean on) { echo = on; return this; }

    public FakeZephyrShell colours(boolean on) { colours = on; return this; }

    /** Columns after which the echo wraps onto a new line, as Zephyr's shell does (default 80). */
    public FakeZephyrShell terminalWidth(int columns) { terminalWidth = columns; return this; }

    /** Answers the command line equal to {@code command} (after trimming). Later rules win. */
    public FakeZephyrShell onCommand(String command, Reply reply) {
        return onCommand(Pattern.compile(Pattern.quote(command.strip())), reply);
    }

    /** Answers command lines fully matching {@code pattern}. Later rules win. */
    public FakeZephyrShell onCommand(Pattern pattern, Reply reply) {
        return onCommand(pattern, command -> reply);
    }

    /**
     * Answers command lines fully matching {@code pattern} with a reply made from the command line
     * (e.g. one that echoes a request id back). Later rules win.
     */
    public FakeZephyrShell onCommand(Pattern pattern, java.util.function.Function<String, Reply> replies) {
        rules.add(0, new Rule(pattern, replies));
        return this;
    }

    /**
     * Runs {@code reply} (once) as soon as the typed, not yet entered input equals {@code typed}:
     * how a test makes a log line arrive while the host is still typing a command.
     */
    public FakeZephyrShell onPartialInput(String typed, Reply reply) {
        partialHooks.add(new PartialHook(typed, reply));
        return this;
    }

    /**
     * Reboots like a Zephyr board when {@code command} is entered (e.g. {@code kernel reboot cold}):
     * nothing more of the old boot, a short pause, the boot banner, then the prompt. The connection
     * stays up, as a UART does across a reboot.
     */
    public FakeZephyrShell rebootsOn(String command) {
        return onCommand(command, Reply.empty().sleep(java.time.Duration.ofMillis(20)).banner());
    }

    /** Prints a boot banner, then the prompt. */
    public void boot() { emit(Reply.empty().banner()); }

    /** Runs {@code reply} on the shell thread now (after what is already queued). */
    public void emit(Reply reply) { work.add(reply); }

    // ------------------------------------------------------------------ observations

    /** Every byte received so far, in order. */
    public byte[] receivedBytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** Every byte the fake has written, in order (prompts, echo and output alike). */
    public byte[] sentBytes() {
        synchronized (sent) {
            return sent.toByteArray();
        }
    }

    /** Every read as it arrived, with its arrival time. */
    public List<ReceivedChunk> receivedChunks() { return List.copyOf(chunks); }

    /** Exceptions thrown by replies or bypass handlers (the fake logs them and keeps serving). */
    public List<Throwable> scriptErrors() { return List.copyOf(scriptErrors); }

    /** Command lines entered so far (trimmed, empty lines excluded). */
    public List<String> commands() { return List.copyOf(commands); }

    @Override
    public void close() {
        closed = true;
        work.add(STOP);
        transport.close();
        try {
            shellThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the shell thread

    private void onChunk(byte[] bytes) {
        chunks.add(new ReceivedChunk(System.nanoTime(), bytes));
        synchronized (received) {
            received.writeBytes(bytes);
        }
        work.add(bytes);
    }

    private void shellLoop() {
        int retval = 0;
        try {
            while (!closed) {
                Object item = work.poll(100, TimeUnit.MILLISECONDS);
                if (item == null) continue;
                if (item == STOP) return;
                try {
                    if (item instanceof Reply r) {
                        runReply(r);
                    } else {
                        retval = consume((byte[]) item, retval);
                    }
                } catch (RuntimeException | AssertionError e) {
                    // a script or bypass handler failed: keep serving, and let the test see it
                    log.error("fake shell: script failed", e);
                    scriptErrors.add(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles one read of input bytes; returns the retval of the last command run. */
    private int consume(byte[] bytes, int retval) throws InterruptedException {
        StringBuilder line = typedLine;
        int next = 0;
        while (next < bytes.length) {
            if (console.bypass != null) {
                // shell.c state_collect(): with a bypass callback installed every byte goes
                // to it, 16 at a time, before any line-end or echo handling
                int n = Math.min(16, bytes.length - next);
                console.bypass.bytes(java.util.Arrays.copyOfRange(bytes, next, next + n), console.bypassOutput);
                next += n;
                if (console.bypass == null) {
                    // ended inside the callback: state_set(ACTIVE) clears the line and prints the prompt
                    line.setLength(0);
                    console.typed = "";
                    console.printPrompt();
                }
                continue;
            }
            byte b = bytes[next++];
            if (b == '\r' || b == '\n') {
                // Zephyr treats CR, LF and CRLF (or LFCR) each as one Enter
                if (lastNewline != 0 && b != lastNewline) {
                    lastNewline = 0;
                    continue;
                }
                lastNewline = b;
                // Zephyr moves to a new line unless the echo just wrapped onto an empty one
                if (!echo || line.length() == 0 || (prompt.length() + line.length()) % terminalWidth != 0) {
                    console.write("\r\n");
                }
                String command = line.toString().strip();
                line.setLength(0);
                console.typed = "";
                partialHooks.forEach(h -> h.fired = false);
                if (command.isEmpty()) {
                    console.printPrompt();
                    continue;
                }
                commands.add(command);
                retval = execute(command, retval);
                continue;
            }
            lastNewline = 0;
            if (b >= 0x20 && b < 0x7f) {
                line.append((char) b);
                console.typed = line.toString();
                if (echo) {
                    console.write(new byte[] {b});
                    // at the terminal's right edge Zephyr's echo continues on the next line
                    if ((prompt.length() + line.length()) % terminalWidth == 0) console.write("\r\n");
                }
                for (PartialHook h : partialHooks) {
                    if (!h.fired && h.typed.equals(console.typed)) {
                        h.fired = true;
                        runReplyNoPrompt(h.reply);
                    }
                }
            } else if ((b == 0x08 || b == 0x7f) && line.length() > 0) {
                line.setLength(line.length() - 1);
                console.typed = line.toString();
                if (echo) console.write("\u001b[1D\u001b[K");
            }
        }
        return retval;
    }

    private int execute(String command, int lastRetval) throws InterruptedException {
        if (command.equals("retval")) {
            console.write(lastRetval + "\r\n");
            console.printPrompt();
            return lastRetval;
        }
        for (Rule rule : rules) {
            if (rule.pattern().matcher(command).matches()) {
                Reply reply = rule.replyFor(command);
                reply.run(console);
                // shell.c state_set(): no prompt while a bypass callback is installed
                if (reply.prompt() && console.bypass == null) console.printPrompt();
                return reply.retval();
            }
        }
        console.write(command.split(" ", 2)[0] + ": command not found\r\n");
        console.printPrompt();
        return -8; // -ENOEXEC, as Zephyr's shell reports an unknown command
    }

    private void runReply(Reply r) throws InterruptedException {
        r.run(console);
        // output from another thread in bypass mode: shell_vfprintf() reprints no prompt
        if (r.prompt() && console.bypass == null) console.printPrompt();
    }

    private void runReplyNoPrompt(Reply r) throws InterruptedException {
        r.run(console);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What replies act on: the fake's output side. */
    final class Console {
        volatile String typed = "";
        volatile BypassHandler bypass;
        final BypassHandler.Output bypassOutput = new BypassHandler.Output() {
            @Override public void line(String text) { write(text + "\r\n"); }

            @Override public void end() { bypass = null; }
        };

        void bypass(BypassHandler handler) { bypass = handler; }

        void write(String s) { write(s.getBytes(StandardCharsets.UTF_8)); }

        void write(byte[] bytes) {
            if (closed) return;
            synchronized (sent) {
                sent.writeBytes(bytes);
            }
            transport.write(bytes);
        }

        void printPrompt() { write(colours ? "\u001b[1;32m" + prompt + "\u001b[0m" : prompt); }

        void echo(boolean on) { echo = on; }

        void colours(boolean on) { colours = on; }

        void hangUp() {
            log.debug("fake shell: hanging up");
            transport.hangUp();
        }

        String logLine(String level, String module, String message, boolean timestamp) {
            long micros = (System.nanoTime() - bootNanos) / 1000;
            String ts = String.format("[%02d:%02d:%02d.%03d,%03d] ", micros / 3_600_000_000L, micros / 60_000_000 % 60,
                    micros / 1_000_000 % 60, micros / 1000 % 1000, micros % 1000);
            String body = "<" + level + "> " + module + ": " + message;
            String colour = switch (level) {
                case "err" -> "\u001b[1;31m";
                case "wrn" -> "\u001b[1;33m";
                default -> "";
            };
            if (colours && !colour.isEmpty()) body = colour + body + "\u001b[0m";
            return (timestamp ? ts : "") + body;
        }

        /** Erase the standing prompt line, print the log, reprint prompt and typed input. */
        void logAtPrompt(String logLine, boolean withCr) {
            int width = prompt.length() + typed.length();
            String erase = withCr ? "\r\u001b[K" : "\u001b[" + width + "D\u001b[J";
            List<String> parts = new ArrayList<>();
            parts.add(erase);
            parts.add(logLine + "\r\n");
            write(String.join("", parts));
            printPrompt();
            write(echo ? typed : "");
        }
    }
}
