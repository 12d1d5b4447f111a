package io.llexthil.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fake shell does in answer to a command (or when told to {@link FakeZephyrShell#emit}):
 * a sequence of actions run in order on the fake's shell thread, followed by the prompt unless
 * the reply ends in {@link #silence()}, {@link #disconnect()} or {@link #noPrompt()}. Immutable:
 * every method returns a longer copy, so replies can be shared and extended.
 */
public final class Reply {
    private final List<Action> actions;
    private final boolean prompt;
    private final int retval;

    interface Action {
        void run(FakeZephyrShell.Console console) throws InterruptedException;
    }

    private Reply(List<Action> actions, boolean prompt, int retval) {
        this.actions = List.copyOf(actions);
        this.prompt = prompt;
        this.retval = retval;
    }

    /** Nothing but the prompt. */
    public static Reply empty() { return new Reply(List.of(), true, 0); }

    /** Plain output lines, then the prompt. */
    public static Reply lines(String... lines) {
        Reply r = empty();
        for (String line : lines) r = r.line(line);
        return r;
    }

    private Reply then(Action a) {
        List<Action> all = new ArrayList<>(actions);
        all.add(a);
        return new Reply(all, prompt, retval);
    }

    /** One output line, CRLF-terminated as Zephyr's shell prints it. */
    public Reply line(String text) { return then(c -> c.write(text + "\r\n")); }

    /** One output line in a VT100 colour (SGR code, e.g. 31 red, 32 green). */
    public Reply colouredLine(String text, int sgr) {
        return then(c -> c.write("\u001b[1;" + sgr + "m" + text + "\u001b[0m\r\n"));
    }

    /** A Zephyr log line with timestamp, coloured for wrn/err when the fake has colours on. */
    public Reply log(String level, String module, String message) {
        return then(c -> c.write(c.logLine(level, module, message, true) + "\r\n"));
    }

    /** A Zephyr log line without timestamp ({@code <err> module: msg}). */
    public Reply logWithoutTimestamp(String level, String module, String message) {
        return then(c -> c.write(c.logLine(level, module, message, false) + "\r\n"));
    }

    /**
     * A log line arriving while a prompt stands: the shell erases the prompt and the typed input
     * (cursor left + clear to end, as Zephyr's VT100 code does), prints the log line, and reprints
     * prompt + typed input. Use with {@link FakeZephyrShell#emit} or
     * {@link FakeZephyrShell#onPartialInput}.
     */
    public Reply logAtPrompt(String level, String module, String message) {
        return then(c -> c.logAtPrompt(c.logLine(level, module, message, true), false));
    }

    /** Same, but redrawn with a lone CR and erase-line, the way simpler consoles do it. */
    public Reply logAtPromptWithCr(String level, String module, String message) {
        return then(c -> c.logAtPrompt(c.logLine(level, module, message, true), true));
    }

    /** {@code *** Booting Zephyr OS build <version> ***}. */
    public Reply banner(String version) { return then(c -> c.write("*** Booting Zephyr OS build " + version + " ***\r\n")); }

    public Reply banner() { return banner("v4.2.0-fake"); }

    /** Zephyr's fatal error report, ending in {@code Halting system}; no prompt follows. */
    public Reply fatal() {
        return then(c -> {
            c.write(c.logLine("err", "os", "r0/a1:  0x00000000  r1/a2:  0x00000001  r2/a3:  0x00000002", true) + "\r\n");
            c.write(c.logLine("err", "os", ">>> ZEPHYR FATAL ERROR 0: CPU exception on CPU 0", true) + "\r\n");
            c.write(c.logLine("err", "os", "Halting system", true) + "\r\n");
        }).noPrompt();
    }

    /** Bytes exactly as given. */
    public Reply raw(byte[] bytes) { byte[] copy = bytes.clone(); return then(c -> c.write(copy)); }

    public Reply raw(String text) { return raw(text.getBytes(StandardCharsets.UTF_8)); }

    /** {@code text} one byte at a time with {@code perByte} between bytes (a slow UART). */
    public Reply slow(String text, Duration perByte) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return then(c -> {
            for (byte b : bytes) {
                c.write(new byte[] {b});
                Thread.sleep(perByte.toMillis(), (int) (perByte.toNanos() % 1_000_000));
            }
        });
    }

    public Reply sleep(Duration d) { return then(c -> Thread.sleep(d.toMillis())); }

    /** About {@code bytes} bytes of log lines in large writes: a log flood. */
    public Reply logFlood(int bytes) {
        return then(c -> {
            StringBuilder sb = new StringBuilder();
            int total = 0;
            int i = 0;
            while (total < bytes) {
                String line = c.logLine(i % 3 == 0 ? "wrn" : "inf", "flood", "message " + i + " abcdefghijklmnopqrstuvwxyz", true) + "\r\n";
                sb.append(line);
                total += line.length();
                i++;
                if (sb.length() > 8192) {
                    c.write(sb.toString());
                    sb.setLength(0);
                }
            }
            c.write(sb.toString());
        });
    }

    /**
     * Installs a bypass callback ({@code shell_set_bypass()}): every later byte goes to
     * {@code handler}, and no prompt follows this reply, because Zephyr's {@code state_set()}
     * prints none while a bypass callback is installed.
     */
    public Reply bypass(BypassHandler handler) { return then(c -> c.bypass(handler)); }

    /** Switches the fake's echo of typed characters on or off (like {@code shell echo off}). */
    public Reply echo(boolean on) { return then(c -> c.echo(on)); }

    /** Switches VT100 colours (prompt, wrn/err logs) on or off (like {@code shell colors off}). */
    public Reply colours(boolean on) { return then(c -> c.colours(on)); }

    /** The peer goes away (socket closed, pty hung up); nothing follows. */
    public Reply disconnect() { return then(FakeZephyrShell.Console::hangUp).noPrompt(); }

    /** The board stops answering: no output and no prompt. */
    public Reply silence() { return noPrompt(); }

    /** No prompt after the actions (a reboot or a crash prints its own). */
    public Reply noPrompt() { return new Reply(actions, false, retval); }

    /** The value the built-in {@code retval} command reports after this reply. */
    public Reply retval(int value) { return new Reply(actions, prompt, value); }

    void run(FakeZephyrShell.Console console) throws InterruptedException {
        for (Action a : actions) a.run(console);
    }

    boolean prompt() { return prompt; }

    int retval() { return retval; }
}
