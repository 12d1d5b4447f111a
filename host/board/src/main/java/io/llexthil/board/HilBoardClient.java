package io.llexthil.board;

import io.llexthil.shell.ShellSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link BoardClient} over a {@link ShellSession}: frames each command with a fresh request id,
 * finds its checked result line in the command's output and maps it to typed records.
 */
public final class HilBoardClient implements BoardClient {

    private final ShellSession session;
    private final AccessMode mode;
    private final BoardLifecycle lifecycle;
    private final Duration commandTimeout;
    private final int nominalBaud;
    // Ids start at a random point so a result left on the wire by an earlier session never matches.
    private final CommandDelivery delivery;
    private final AtomicInteger nextId = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));

    /** {@code lifecycle} does the resets; null for a client that never resets its board. */
    public HilBoardClient(ShellSession session, AccessMode mode, BoardLifecycle lifecycle, Duration commandTimeout,
                          int nominalBaud) {
        this.session = session;
        this.mode = mode;
        this.lifecycle = lifecycle;
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

    @Override
    public Duration commandTimeout() { return commandTimeout; }

    @Override
    public int nominalBaud() { return nominalBaud; }

    /**
     * The single seam every HIL request passes: checked both ways, retried or resolved on link
     * noise ({@link CommandDelivery}), refused before a byte leaves the host when a read-only
     * client is asked for a command that may change the board.
     */
    @Override
    public HilReply command(String commandLine, Duration timeout) {
        ReadOnlyCommands.check(mode, boardName(), commandLine);
        return delivery.deliver(commandLine, timeout);
    }

    /** One send of a request, no retry: for {@code upload data}, after which the board takes bytes, not commands. */
    Optional<HilReply> commandOnce(String commandLine, Duration timeout) {
        return delivery.once(commandLine, timeout);
    }

    static String tail(String text) {
        return text.length() <= 120 ? text : text.substring(text.length() - 120);
    }

    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) {
        return new Uploader(this, name, image, progress == null ? UploadProgress.NONE : progress).run();
    }

    @Override
    public void reset(Duration timeout) {
        lifecycle().reset(timeout);
    }

    @Override
    public BoardLifecycle lifecycle() {
        if (mode == AccessMode.READ_ONLY) {
            throw new ReadOnlyViolationException(boardName(), "reset");
        }
        if (lifecycle == null) {
            throw new ResetUnavailableException(boardName(), "reset", "this client was made without a board lifecycle", "", null);
        }
        return lifecycle;
    }

    /** Waits until a boot newer than {@code epochBefore} is ready. */
    public static void awaitNextBoot(ShellSession session, int epochBefore, Duration timeout) {
        session.awaitBoot(epochBefore, timeout);
    }

    @Override
    public void close() { session.close(); }
}
