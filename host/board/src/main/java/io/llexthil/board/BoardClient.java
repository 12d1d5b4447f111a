package io.llexthil.board;

import java.time.Duration;
import java.util.List;

/**
 * The firmware's HIL command set (docs/protocol.md) as a typed Java API over one shell session.
 *
 * <p>Each call sends one {@code hil @<id> ...} command with a fresh request id and returns the
 * board's framed result. A negative return code is a normal result (see {@link HilReply#rc()}),
 * not an exception: the campaign compares it with the twin. Exceptions mean the exchange itself
 * failed: {@link io.llexthil.shell.BoardCrashedException} (fatal banner: a crash),
 * {@link io.llexthil.shell.ShellTimeoutException}, {@link HilProtocolException} (a result line
 * that is missing, corrupted or for another request), {@link ReadOnlyViolationException}.
 */
public interface BoardClient extends AutoCloseable {

    String boardName();

    /** READ_WRITE for bench and CI; READ_ONLY for field diagnostics (nothing else is sent). */
    AccessMode accessMode();

    BoardInfo info();

    BoardState state();

    CtxInfo ctxInfo();

    /** The armed faults and the allocation-call counter ({@code hil fault}). */
    FaultState fault();

    /** Uploads an image, resuming a partial upload of the same name, length and CRC. */
    UploadResult upload(String name, byte[] image, UploadProgress progress);

    /** {@link #upload(String, byte[], UploadProgress)} without progress reports. */
    default UploadResult upload(String name, byte[] image) {
        return upload(name, image, null);
    }

    HilReply load(String name);

    HilReply unload(String name);

    /** {@code hil call}: the reply's payload has {@code value} when rc == 0. */
    HilReply call(String name, String symbol);

    /** {@code hil ctx save [names]}; an empty list saves every loaded extension in list order. */
    HilReply ctxSave(List<String> names);

    /** {@code hil ctx restore [order ...]}; an empty list restores in saved order. */
    HilReply ctxRestore(List<Integer> order);

    HilReply ctxErase();

    HilReply faultAlloc(int k);

    HilReply faultFlash(int n);

    HilReply faultClear();

    /**
     * Resets the board the way its lifecycle decides (the profile's reset method; a shell
     * command by default) and waits until it is ready again in a new boot epoch.
     */
    void reset(Duration timeout);

    /**
     * The board's lifecycle: resets, pulses, power cycles, recovery, each ending ready in a new
     * boot. Refused ({@link ReadOnlyViolationException}) on a read-only client.
     */
    BoardLifecycle lifecycle();

    /** Any HIL command, raw (for the interactive console and for tests). */
    HilReply command(String commandLine, Duration timeout);

    /** The shell session underneath (transcripts, epochs). */
    io.llexthil.shell.ShellSession session();

    @Override
    void close();
}
