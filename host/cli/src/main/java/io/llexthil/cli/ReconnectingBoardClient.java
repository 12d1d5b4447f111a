package io.llexthil.cli;

import io.llexthil.board.BoardClient;
import io.llexthil.board.ForwardingBoardClient;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.link.Link;
import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.DefaultShellSession;
import io.llexthil.shell.ReadyAnnouncement;
import io.llexthil.shell.ShellSession;
import io.llexthil.shell.Transcript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link BoardClient} that can connect again with another link URL while the campaign holds on
 * to it: how the simulated board "reboots into another firmware build" (a new process with
 * {@code build-id=} on the same flash file). Transcripts and boot epochs continue across reconnects.
 */
final class ReconnectingBoardClient extends ForwardingBoardClient {
    private BoardClient current;
    private final ChainedTranscript transcript;
    private final Session session = new Session();
    private int epochOffset;

    private final Path runDir;

    ReconnectingBoardClient(BoardClient first, Path runDir) {
        this.current = first;
        this.runDir = runDir;
        this.transcript = new ChainedTranscript(first.session().transcript());
    }

    /** The run directory the first connection was opened with (its {@code ${run}}). */
    Path runDir() { return runDir; }

    /**
     * The current connection's link for reports: scheme, URL and the link's own description (a
     * QEMU link names QEMU's version there); null when the session does not expose its link.
     */
    RunResult.BoardLink link() {
        if (current.session() instanceof DefaultShellSession s) {
            Link l = s.link();
            return new RunResult.BoardLink(l.url().scheme(), l.url().text(),
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
    protected BoardClient delegate() { return current; }

    @Override
    public ShellSession session() { return session; }

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
        public ReadyAnnouncement readyAnnouncement() { return s().readyAnnouncement(); }

        @Override
        public String awaitLine(Predicate<String> match, Duration timeout) { return s().awaitLine(match, timeout); }

        @Override
        public void clearPending() { s().clearPending(); }

        @Override
        public Transcript transcript() { return transcript; }

        @Override
        public void close() { s().close(); }
    }
}
