package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.shell.ShellSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@link BoardClient} over a {@link ShellSession}: frames each command with a fresh request id,
 * finds its checked result line in the command's output and maps it to typed records.
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
    private final CommandDelivery delivery;
    private final AtomicInteger nextId = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));

    public HilBoardClient(ShellSession session, AccessMode mode, Resetter resetter, Duration commandTimeout,
                          int nominalBaud) {
        this.session = session;
        this.mode = mode;
        this.resetter = resetter == null ? HilBoardClient::shellReset : resetter;
        this.commandTimeout = commandTimeout;
        this.nominalBaud = nominalBaud;
        this.delivery = new CommandDelivery(this);
    }

    @Override
    public String boardName() { return session.boardName(); }

    @Override
    public AccessMode accessMode() { return mode; }

    @Override
    public ShellSession session() { return session; }

    int newId() { return nextId.getAndIncrement(); }

    Duration commandTimeout() { return commandTimeout; }

    int nominalBaud() { return nominalBaud; }

    /**
     * The single seam every HIL request passes: checked both ways, retried or resolved on link
     * noise ({@link CommandDelivery}), refused before a byte leaves the host when a read-only
     * client is asked for a command that may change the board.
     */
    @Override
    public HilReply command(String commandLine, Duration timeout) {
        if (mode == AccessMode.READ_ONLY && !ReadOnlyCommands.isReadOnly(commandLine)) {
            throw new ReadOnlyViolationException(boardName(), "hil " + commandLine);
        }
        return delivery.deliver(commandLine, timeout);
    }

    /** One send of a request, no retry: for {@code upload data}, after which the board takes bytes, not commands. */
    Optional<HilReply> commandOnce(String commandLine, Duration timeout) {
        return delivery.once(commandLine, timeout);
    }

    static String tail(String text) {
        return text.length() <= 120 ? text : text.substring(text.length() - 120);
    }

    private HilReply checked(String commandLine) {
        HilReply reply = command(commandLine, commandTimeout);
        if (!reply.ok()) {
            throw new HilProtocolException(boardName(), "hil " + commandLine,
                    "failed with rc " + reply.rc() + ": " + reply.error(), tail(reply.line()));
        }
        return reply;
    }

    @Override
    public BoardInfo info() {
        HilReply r = checked("info");
        return ReplyMapper.info(r.payload());
    }

    @Override
    public BoardState state() {
        return ReplyMapper.state(checked("state").payload());
    }

    @Override
    public CtxInfo ctxInfo() {
        return ReplyMapper.ctxInfo(checked("ctx info").payload());
    }

    @Override
    public FaultState fault() {
        JsonNode p = checked("fault").payload();
        return new FaultState(p.path("alloc").asInt(), p.path("flash").asInt(), p.path("alloc_calls").asLong());
    }

    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) {
        return new Uploader(this, name, image, progress == null ? UploadProgress.NONE : progress).run();
    }

    @Override
    public HilReply load(String name) { return command("load " + name, commandTimeout); }

    @Override
    public HilReply unload(String name) { return command("unload " + name, commandTimeout); }

    @Override
    public HilReply call(String name, String symbol) { return command("call " + name + " " + symbol, commandTimeout); }

    @Override
    public HilReply ctxSave(List<String> names) {
        return command(names.isEmpty() ? "ctx save" : "ctx save " + String.join(" ", names), commandTimeout);
    }

    @Override
    public HilReply ctxRestore(List<Integer> order) {
        return command(order.isEmpty() ? "ctx restore"
                : "ctx restore order " + order.stream().map(String::valueOf).collect(Collectors.joining(",")),
                commandTimeout);
    }

    @Override
    public HilReply ctxErase() { return command("ctx erase", commandTimeout); }

    @Override
    public HilReply faultAlloc(int k) { return command("fault alloc " + k, commandTimeout); }

    @Override
    public HilReply faultFlash(int n) { return command("fault flash " + n, commandTimeout); }

    @Override
    public HilReply faultClear() { return command("fault clear", commandTimeout); }

    @Override
    public void reset(Duration timeout) {
        if (mode == AccessMode.READ_ONLY) {
            throw new ReadOnlyViolationException(boardName(), "reset");
        }
        resetter.reset(this, timeout);
    }

    /**
     * Sends {@code hil reset cold} without waiting for a prompt (the board resets right after its
     * result line) and waits for the next boot to be ready. A request damaged on the wire is
     * refused by the board and a banner damaged on the way back is not seen: either way no new
     * boot shows, and the (checked) request is sent again, a bounded number of times.
     */
    public static void shellReset(HilBoardClient client, Duration timeout) {
        io.llexthil.shell.ShellTimeoutException last = null;
        for (int attempt = 1; attempt <= CommandDelivery.ATTEMPTS; attempt++) {
            int before = client.session.epoch();
            client.session.writeRaw((RequestLine.frame(client.newId(), "reset cold") + "\n").getBytes(), timeout);
            try {
                awaitNextBoot(client.session, before, timeout);
                return;
            } catch (io.llexthil.shell.ShellTimeoutException e) {
                last = e;
                RetryLog.of(client.session).add("hil reset cold: no new boot seen (" + e.getMessage() + "), sent again");
            }
        }
        throw last;
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
                throw new io.llexthil.shell.ShellTimeoutException(session.boardName(), "reset",
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

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() { session.close(); }
}
