package io.llexthil.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.shell.ShellSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A decorator that wraps only the command seam sees every typed command, and can change it. */
class ForwardingBoardClientTest {

    /** The seam of a board that answers every command with rc 0 and an empty payload. */
    private static final class AnsweringBoard implements BoardClient {
        final List<Duration> timeouts = new ArrayList<>();

        @Override public String boardName() { return "answering"; }
        @Override public AccessMode accessMode() { return AccessMode.READ_WRITE; }
        @Override public Duration commandTimeout() { return Duration.ofSeconds(3); }
        @Override public int nominalBaud() { return 115200; }
        @Override public void reset(Duration timeout) { }
        @Override public BoardLifecycle lifecycle() { throw new UnsupportedOperationException("no resets here"); }
        @Override public UploadResult upload(String name, byte[] image, UploadProgress p) { throw new UnsupportedOperationException("no uploads here"); }
        @Override public ShellSession session() { throw new UnsupportedOperationException("no shell here"); }
        @Override public void close() { }

        @Override
        public HilReply command(String commandLine, Duration timeout) {
            timeouts.add(timeout);
            return new HilReply(commandLine, 1, 0, new ObjectMapper().createObjectNode(), "@@HIL|1|0|{}|0", null);
        }
    }

    /** Records each command line on its way to the board. */
    private static final class Recording extends ForwardingBoardClient {
        final BoardClient board;
        final List<String> lines = new ArrayList<>();

        Recording(BoardClient board) { this.board = board; }

        @Override protected BoardClient delegate() { return board; }

        @Override
        public HilReply command(String commandLine, Duration timeout) {
            lines.add(commandLine);
            return super.command(commandLine, timeout);
        }
    }

    @Test
    void everyTypedCommandPassesTheSeamWithTheBoardsTimeout() {
        AnsweringBoard board = new AnsweringBoard();
        Recording client = new Recording(board);
        client.info();
        client.state();
        client.ctxInfo();
        client.fault();
        client.load("producer");
        client.unload("producer");
        client.call("counter", "counter_next");
        client.ctxSave(List.of());
        client.ctxSave(List.of("consumer", "producer"));
        client.ctxRestore(List.of());
        client.ctxRestore(List.of(1, 0));
        client.ctxErase();
        client.faultAlloc(2);
        client.faultFlash(3);
        client.faultClear();
        assertThat(client.lines).containsExactly("info", "state", "ctx info", "fault", "load producer", "unload producer",
                "call counter counter_next", "ctx save", "ctx save consumer producer", "ctx restore",
                "ctx restore order 1,0", "ctx erase", "fault alloc 2", "fault flash 3", "fault clear");
        assertThat(board.timeouts).hasSize(client.lines.size()).containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void aQueryThatFailsIsAnErrorOfTheExchangeNamingTheBoard() {
        BoardClient board = new AnsweringBoard();
        BoardClient failing = new ForwardingBoardClient() {
            @Override
            protected BoardClient delegate() { return board; }

            @Override
            public HilReply command(String commandLine, Duration timeout) {
                return new HilReply(commandLine, 1, -5, new ObjectMapper().createObjectNode().put("error", "flash read"),
                        "@@HIL|1|-5|{}|0", null);
            }
        };
        assertThatThrownBy(failing::ctxInfo).isInstanceOf(HilProtocolException.class)
                .hasMessageContaining("answering").hasMessageContaining("hil ctx info").hasMessageContaining("rc -5");
    }
}
