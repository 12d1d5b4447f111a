package io.llexthil.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;

/** Boards and stand-ins for the reset tests (in another package, hence public helpers). */
public final class ResetTestBoards implements AutoCloseable {
    private final BoardUnderTest board;

    private ResetTestBoards(BoardUnderTest board) { this.board = board; }

    public static ResetTestBoards tcp(Path runDir) {
        return new ResetTestBoards(BoardUnderTest.start(BoardUnderTest.Transport.TCP,
                BoardUnderTest.fastProfile("tcp-board").build(), runDir).booted());
    }

    public static ResetTestBoards pty(Path runDir) {
        return new ResetTestBoards(BoardUnderTest.start(BoardUnderTest.Transport.PTY,
                BoardUnderTest.fastProfile("pty-board").build(), runDir).booted());
    }

    public DefaultShellSession session() { return board.session; }

    public Link link() { return board.link; }

    public io.llexthil.testkit.FakeZephyrShell fake() { return board.fake; }

    @Override public void close() { board.close(); }

    /** A session that only has a name: for reset actions that never touch the shell. */
    public static ShellSession namedSession(String name) {
        return new ShellSession() {
            @Override public String boardName() { return name; }
            @Override public int epoch() { return 0; }
            @Override public BootEpoch awaitReady(Duration timeout) { throw new UnsupportedOperationException(); }
            @Override public CommandResult exec(String command, Duration timeout) { throw new UnsupportedOperationException(); }
            @Override public CommandResult exec(String command, java.util.function.Predicate<String> lastLine, Duration timeout) {
                throw new UnsupportedOperationException();
            }
            @Override public void writeRaw(byte[] bytes, Duration timeout) { throw new UnsupportedOperationException(); }
            @Override public String awaitLine(Predicate<String> match, Duration timeout) { throw new UnsupportedOperationException(); }
            @Override public void clearPending() { }
            @Override public Transcript transcript() { throw new UnsupportedOperationException(); }
            @Override public void close() { }
        };
    }

    /** A link with modem lines that records every change with its time. */
    public static final class RecordingControlLink implements Link {
        public record Event(ControlLine line, boolean asserted, long nanos) {}

        private final List<Event> events = new CopyOnWriteArrayList<>();

        public List<Event> events() { return List.copyOf(events); }

        @Override public LinkUrl url() { return new LinkUrl("mem", "lines", Map.of(), "mem://lines"); }
        @Override public void open(LinkListener listener, Duration timeout) { }
        @Override public void write(byte[] bytes, Duration timeout) { }
        @Override public boolean isOpen() { return true; }
        @Override public LinkCapabilities capabilities() { return new LinkCapabilities(true, false, "recording"); }
        @Override public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
            events.add(new Event(line, asserted, System.nanoTime()));
        }
        @Override public void setBaudRate(int baud, Duration timeout) { }
        @Override public void close() { }
    }
}
