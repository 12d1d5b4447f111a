package io.llexthil.cli;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.board.BoardLifecycle;
import io.llexthil.board.BoardState;
import io.llexthil.board.CtxInfo;
import io.llexthil.board.FaultState;
import io.llexthil.board.HilReply;
import io.llexthil.board.UploadProgress;
import io.llexthil.board.UploadResult;
import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.Transcript;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link BoardClient} that can connect again with another link URL while the campaign holds on
 * to it: how the simulated board "reboots into another firmware build" (a new process with
 * {@code build-id=} on the same flash file). Transcripts and boot epochs continue across reconnects.
 */
final class ReconnectingBoardClient implements BoardClient {
    private BoardClient current;
    private final ChainedTranscript transcript;
    private final Session session = new Session();
    private int epochOffset;

    private final java.nio.file.Path runDir;

    ReconnectingBoardClient(BoardClient first, java.nio.file.Path runDir) {
        this.current = first;
        this.runDir = runDir;
        this.transcript = new ChainedTranscript(first.session().transcript());
    }

    /** The run directory the first connection was opened with (its {@code ${run}}). */
    java.nio.file.Path runDir() { return runDir; }

    /**
     * The current connection's link for reports: scheme, URL and the link's own description (a
     * QEMU link names QEMU's version there); null when the session does not expose its link.
     */
    io.llexthil.campaign.run.RunResult.BoardLink link() {
        if (current.session() instanceof io.llexthil.shell.DefaultShellSession s) {
            io.llexthil.link.Link l = s.link();
            return new io.llexthil.campaign.run.RunResult.BoardLink(l.url().scheme(), l.url().text(),
                    l.capabilities().description());
        }
        return null;
    }

    /** Closes the current connection and opens another through {@code open}. */
    synchronized void reconnect(UnaryOperator<BoardClient> open) {
        int lastEpoch = current.session().epoch();
        BoardClient old = current;
        BoardClient next = open.apply(old);
        current = next;
        epochOffset += lastEpoch + 1;
        transcript.next(next.session().transcript());
    }

    @Override
    public String boardName() { return current.boardName(); }

    @Override
    public AccessMode accessMode() { return current.accessMode(); }

    @Override
    public BoardInfo info() { return current.info(); }

    @Override
    public BoardState state() { return current.state(); }

    @Override
    public CtxInfo ctxInfo() { return current.ctxInfo(); }

    @Override
    public FaultState fault() { return current.fault(); }

    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) { return current.upload(name, image, progress); }

    @Override
    public HilReply load(String name) { return current.load(name); }

    @Override
    public HilReply unload(String name) { return current.unload(name); }

    @Override
    public HilReply call(String name, String symbol) { return current.call(name, symbol); }

    @Override
    public HilReply ctxSave(List<String> names) { return current.ctxSave(names); }

    @Override
    public HilReply ctxRestore(List<Integer> order) { return current.ctxRestore(order); }

    @Override
    public HilReply ctxErase() { return current.ctxErase(); }

    @Override
    public HilReply faultAlloc(int k) { return current.faultAlloc(k); }

    @Override
    public HilReply faultFlash(int n) { return current.faultFlash(n); }

    @Override
    public HilReply faultClear() { return current.faultClear(); }

    @Override
    public void reset(Duration timeout) { current.reset(timeout); }

    @Override
    public BoardLifecycle lifecycle() { return current.lifecycle(); }

    @Override
    public HilReply command(String commandLine, Duration timeout) { return current.command(commandLine, timeout); }

    @Override
    public ShellSession session() { return session; }

    @Override
    public void close() { current.close(); }

    /** The current connection's session, with the chained transcript and continuing epochs. */
    private final class Session implements ShellSession {
        private ShellSession s() { return current.session(); }

        @Override
        public String boardName() { return s().boardName(); }

        @Override
        public int epoch() { return epochOffset + s().epoch(); }

        @Override
        public BootEpoch awaitReady(Duration timeout) { return s().awaitReady(timeout); }

        @Override
        public CommandResult exec(String command, Duration timeout) { return s().exec(command, timeout); }

        @Override
        public CommandResult exec(String command, java.util.function.Predicate<String> lastLine, Duration timeout) {
            return s().exec(command, lastLine, timeout);
        }

        @Override
        public void writeRaw(byte[] bytes, Duration timeout) { s().writeRaw(bytes, timeout); }

        @Override
        public String awaitLine(java.util.function.Predicate<String> match, Duration timeout) { return s().awaitLine(match, timeout); }

        @Override
        public void clearPending() { s().clearPending(); }

        @Override
        public Transcript transcript() { return transcript; }

        @Override
        public void close() { s().close(); }
    }
}
