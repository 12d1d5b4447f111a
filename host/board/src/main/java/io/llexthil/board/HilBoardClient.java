package io.llexthil.board;

import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.ShellTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link BoardClient} over a {@link ShellSession}: frames each command with a fresh request id and
 * finds its checked result line in the command's output (the typed commands are
 * {@link BoardClient}'s, over {@link #command}). A read-only client refuses every other command
 * before a byte is sent.
 */
public final class HilBoardClient implements BoardClient {

    /** How a board is reset; the default sends {@code hil reset cold} through the shell. */
    @FunctionalInterface
    public interface Resetter {
        void reset(HilBoardClient client, Duration timeout);
    }

    private final ShellSession session;
    private final AccessMode mode;
    private final Resetter resetter;
    private final Duration commandTimeout;
    private final int nominalBaud;
    // Ids start at a random point so a result left on the wire by an earlier session never matches.
    private final AtomicInteger nextId = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));

    public HilBoardClient(ShellSession session, AccessMode mode, Resetter resetter, Duration commandTimeout,
                          int nominalBaud) {
        this.session = session;
        this.mode = mode;
        this.resetter = resetter == null ? HilBoardClient::shellReset : resetter;
        this.commandTimeout = commandTimeout;
        this.nominalBaud = nominalBaud;
    }

    @Override
    public String boardName() { return session.boardName(); }

    @Override
    public AccessMode accessMode() { return mode; }

    @Override
    public ShellSession session() { return session; }

    int newId() { return nextId.getAndIncrement(); }

    @Override
    public Duration commandTimeout() { return commandTimeout; }

    @Override
    public int nominalBaud() { return nominalBaud; }

    @Override
    public HilReply command(String commandLine, Duration timeout) {
        ReadOnlyCommands.check(mode, boardName(), commandLine);
        int id = newId();
        // The result line is the command's last output and names its id: it ends the command.
        // Waiting for the prompt instead would hang after `upload data`, which a Zephyr shell
        // follows with no prompt (bypass mode, docs/protocol.md section 5).
        String resultPrefix = ResultLine.HIL + "|" + id + "|";
        CommandResult result = session.exec("hil @" + id + " " + commandLine,
                line -> line.contains(resultPrefix), timeout);
        return findReply(commandLine, id, result);
    }

    private HilReply findReply(String commandLine, int id, CommandResult result) {
        for (String line : result.output()) {
            try {
                var parsed = ResultLine.parse(ResultLine.HIL, line);
                if (parsed.isPresent() && parsed.get().id() == id) {
                    ResultLine r = parsed.get();
                    return new HilReply(commandLine, id, r.rc(), r.json(), line, result);
                }
            } catch (ResultLine.MalformedResultException e) {
                throw new HilProtocolException(boardName(), "hil " + commandLine,
                        "corrupted result line: " + e.getMessage(), tail(e.line()));
            }
        }
        throw new HilProtocolException(boardName(), "hil " + commandLine,
                "no result line for request id " + id + " in the command's output (is the firmware built with CONFIG_LLEXT_HIL?)",
                tail(String.join("\\n", result.output())));
    }

    static String tail(String text) {
        return text.length() <= 120 ? text : text.substring(text.length() - 120);
    }

    @Override
    public void reset(Duration timeout) {
        if (mode == AccessMode.READ_ONLY) {
            throw new ReadOnlyViolationException(boardName(), "reset");
        }
        resetter.reset(this, timeout);
    }

    /**
     * Sends {@code hil reset cold} without waiting for a prompt (the board resets right after its
     * result line) and waits for the next boot to be ready.
     */
    public static void shellReset(HilBoardClient client, Duration timeout) {
        int before = client.session.epoch();
        client.session.writeRaw(("hil @" + client.newId() + " reset cold\n").getBytes(), timeout);
        awaitNextBoot(client.session, before, timeout);
    }

    /** Waits until a boot newer than {@code epochBefore} is ready. */
    public static void awaitNextBoot(ShellSession session, int epochBefore, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            session.awaitReady(left);
            if (session.epoch() > epochBefore) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new ShellTimeoutException(session.boardName(), "reset",
                        "the board did not boot again within " + timeout.toMillis() + " ms (no new banner)", "");
            }
            sleepQuietly(50);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() { session.close(); }
}
