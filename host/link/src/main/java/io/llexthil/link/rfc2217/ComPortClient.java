package io.llexthil.link.rfc2217;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client half of RFC 2217: sends COM-PORT commands and matches each server answer (command +
 * 100) to the oldest request of that command still waiting; keeps the last NOTIFY-MODEMSTATE and
 * NOTIFY-LINESTATE. Data passes through untouched.
 */
public final class ComPortClient extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ComPortClient.class);

    private final Map<Integer, Deque<CompletableFuture<byte[]>>> waiting = new ConcurrentHashMap<>();
    private volatile int modemState = -1;
    private volatile int lineState = -1;

    /** Sends {@code SB 44 command value IAC SE}; the future completes with the server's answer value. */
    public CompletableFuture<byte[]> send(Channel channel, int command, byte... value) {
        byte[] payload = new byte[value.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(value, 0, payload, 1, value.length);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Deque<CompletableFuture<byte[]>> queue = waiting.computeIfAbsent(command, c -> new ConcurrentLinkedDeque<>());
        queue.addLast(answer);
        // a request nobody answers must not later swallow the answer meant for the next one
        answer.whenComplete((v, e) -> queue.remove(answer));
        ChannelFuture written = channel.writeAndFlush(new TelnetMessage.Subnegotiation(Telnet.OPT_COM_PORT, payload));
        written.addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
            }
        });
        return answer;
    }

    /** The last modem state the server notified (CTS, DSR, RI, CD bits of RFC 2217), if any. */
    public OptionalInt modemState() {
        int s = modemState;
        return s < 0 ? OptionalInt.empty() : OptionalInt.of(s);
    }

    /** The last line state the server notified, if any. */
    public OptionalInt lineState() {
        int s = lineState;
        return s < 0 ? OptionalInt.empty() : OptionalInt.of(s);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof TelnetMessage.Subnegotiation sb) || sb.option() != Telnet.OPT_COM_PORT) {
            if (msg instanceof TelnetMessage) {
                log.debug("ignoring {}", msg);
                return;
            }
            super.channelRead(ctx, msg);
            return;
        }
        byte[] payload = sb.payload();
        if (payload.length == 0) {
            return;
        }
        int code = payload[0] & 0xFF;
        byte[] value = new byte[payload.length - 1];
        System.arraycopy(payload, 1, value, 0, value.length);
        if (code == Telnet.CPO_SERVER_OFFSET + Telnet.CPO_NOTIFY_MODEMSTATE && value.length > 0) {
            modemState = value[0] & 0xFF;
            return;
        }
        if (code == Telnet.CPO_SERVER_OFFSET + Telnet.CPO_NOTIFY_LINESTATE && value.length > 0) {
            lineState = value[0] & 0xFF;
            return;
        }
        if (code >= Telnet.CPO_SERVER_OFFSET) {
            Deque<CompletableFuture<byte[]>> queue = waiting.get(code - Telnet.CPO_SERVER_OFFSET);
            CompletableFuture<byte[]> oldest = queue == null ? null : queue.pollFirst();
            if (oldest != null) {
                oldest.complete(value);
                return;
            }
        }
        log.debug("unsolicited COM-PORT answer {} ({} value bytes)", code, value.length);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Deque<CompletableFuture<byte[]>> queue : waiting.values()) {
            for (CompletableFuture<byte[]> f; (f = queue.pollFirst()) != null; ) {
                f.completeExceptionally(new IllegalStateException("connection closed before the server answered"));
            }
        }
        super.channelInactive(ctx);
    }
}
