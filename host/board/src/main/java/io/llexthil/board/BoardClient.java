package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.shell.ShellSession;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The firmware's HIL command set (docs/protocol.md) as a typed Java API over one shell session.
 *
 * <p>Each call sends one {@code hil @<id> ...} command with a fresh request id and returns the
 * board's framed result. A negative return code is a normal result (see {@link HilReply#rc()}),
 * not an exception: the campaign compares it with the twin. Exceptions mean the exchange itself
 * failed: {@link io.llexthil.shell.BoardCrashedException} (fatal banner: a crash),
 * {@link io.llexthil.shell.ShellTimeoutException}, {@link HilProtocolException} (a result line
 * that is missing, corrupted or for another request), {@link ReadOnlyViolationException}.
 *
 * <p>An implementation provides the seam: {@link #command}, {@link #upload} and the few methods
 * above them; every typed command below is written once, as a default method over
 * {@link #command}, so a decorator ({@link ForwardingBoardClient}) that wraps the seam wraps every
 * command, present and future.
 */
public interface BoardClient extends AutoCloseable {

    String boardName();

    /** READ_WRITE for bench and CI; READ_ONLY for field diagnostics (nothing else is sent). */
    AccessMode accessMode();

    /** Any HIL command (the text after {@code hil @<id>}), with its result line found and checked. */
    HilReply command(String commandLine, Duration timeout);

    /** How long a typed command waits for its result. */
    Duration commandTimeout();

    /** The link's nominal line rate in baud (0 = unknown): upload throughput is reported against it. */
    int nominalBaud();

    /**
     * Resets the board the way its lifecycle decides (the profile's reset method; a shell
     * command by default) and waits until it is ready again in a new boot epoch.
     */
    void reset(Duration timeout);

    /** The shell session underneath (transcripts, epochs, the raw bytes of an upload). */
    ShellSession session();

    /**
     * The board's lifecycle: resets, pulses, power cycles, recovery, each ending ready in a new
     * boot. Refused ({@link ReadOnlyViolationException}) on a read-only client.
     */
    BoardLifecycle lifecycle();

    /**
     * Uploads an image, resuming a partial upload of the same name, length and CRC. Part of the
     * seam: an upload is a transfer with its own framing and recovery, not one command.
     */
    UploadResult upload(String name, byte[] image, UploadProgress progress);

    @Override
    void close();

    default BoardInfo info() {
        return ReplyMapper.info(checked("info").payload());
    }

    default LlextState state() {
        return ReplyMapper.state(checked("state"));
    }

    default CtxInfo ctxInfo() {
        return ReplyMapper.ctxInfo(checked("ctx info").payload());
    }

    /** The armed faults and the allocation-call counter ({@code hil fault}). */
    default FaultState fault() {
        JsonNode p = checked("fault").payload();
        return new FaultState(p.path("alloc").asInt(), p.path("flash").asInt(), p.path("alloc_calls").asLong());
    }


    /** {@link #upload(String, byte[], UploadProgress)} without progress reports. */
    default UploadResult upload(String name, byte[] image) {
        return upload(name, image, null);
    }

    default HilReply load(String name) {
        return command("load " + name, commandTimeout());
    }

    default HilReply unload(String name) {
        return command("unload " + name, commandTimeout());
    }

    /** {@code hil call}: the reply's payload has {@code value} when rc == 0. */
    default HilReply call(String name, String symbol) {
        return command("call " + name + " " + symbol, commandTimeout());
    }

    /** {@code hil ctx save [names]}; an empty list saves every loaded extension in list order. */
    default HilReply ctxSave(List<String> names) {
        return command(names.isEmpty() ? "ctx save" : "ctx save " + String.join(" ", names), commandTimeout());
    }

    /** {@code hil ctx restore [order ...]}; an empty list restores in saved order. */
    default HilReply ctxRestore(List<Integer> order) {
        return command(order.isEmpty() ? "ctx restore"
                : "ctx restore order " + order.stream().map(String::valueOf).collect(Collectors.joining(",")),
                commandTimeout());
    }

    default HilReply ctxErase() {
        return command("ctx erase", commandTimeout());
    }

    default HilReply faultAlloc(int k) {
        return command("fault alloc " + k, commandTimeout());
    }

    default HilReply faultFlash(int n) {
        return command("fault flash " + n, commandTimeout());
    }

    default HilReply faultClear() {
        return command("fault clear", commandTimeout());
    }

    /** A command whose failure is an error of the exchange, not a result (the queries above). */
    private HilReply checked(String commandLine) {
        return require(command(commandLine, commandTimeout()));
    }

    /**
     * The reply of a command that must succeed (a fault to arm, the erase that starts a case): a
     * failure is an error naming the board, the command and the board's answer, never ignored.
     */
    default HilReply require(HilReply reply) {
        if (!reply.ok()) {
            throw new HilProtocolException(boardName(), "hil " + reply.command(),
                    "failed with rc " + reply.rc() + ": " + reply.error(), HilBoardClient.tail(reply.line()));
        }
        return reply;
    }
}
