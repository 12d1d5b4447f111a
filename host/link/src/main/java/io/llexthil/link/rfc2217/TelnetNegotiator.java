package io.llexthil.link.rfc2217;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers WILL/WONT/DO/DONT for a serial-port client: BINARY and SGA in both directions, and
 * COM-PORT-OPTION on our side; everything else (ECHO included) is refused. Keeps per-option state
 * and answers only state changes, as RFC 1143 asks, so two polite peers never loop.
 * Runs on the channel's event loop only.
 */
public final class TelnetNegotiator extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TelnetNegotiator.class);
    private static final Set<Integer> SERVER_MAY = Set.of(Telnet.OPT_BINARY, Telnet.OPT_SGA);
    private static final Set<Integer> WE_WILL = Set.of(Telnet.OPT_BINARY, Telnet.OPT_SGA, Telnet.OPT_COM_PORT);

    private final boolean[] us = new boolean[256];
    private final boolean[] usAsked = new boolean[256];
    private final boolean[] him = new boolean[256];
    private final boolean[] himAsked = new boolean[256];
    private final CompletableFuture<Boolean> comPort = new CompletableFuture<>();

    /** Completes true when the server agrees to COM-PORT-OPTION (DO 44), false when it refuses. */
    public CompletableFuture<Boolean> comPortAccepted() {
        return comPort;
    }

    /** Whether the server sends binary (no CR NUL stuffing); read after negotiation settled. */
    public boolean serverBinary() {
        return him[Telnet.OPT_BINARY];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ask(ctx, Telnet.WILL, Telnet.OPT_BINARY);
        ask(ctx, Telnet.DO, Telnet.OPT_BINARY);
        ask(ctx, Telnet.WILL, Telnet.OPT_SGA);
        ask(ctx, Telnet.DO, Telnet.OPT_SGA);
        ask(ctx, Telnet.WILL, Telnet.OPT_COM_PORT);
        ctx.flush();
        super.channelActive(ctx);
    }

    private void ask(ChannelHandlerContext ctx, int verb, int option) {
        if (verb == Telnet.WILL) {
            usAsked[option] = true;
        } else {
            himAsked[option] = true;
        }
        ctx.write(new TelnetMessage.Negotiation(verb, option));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof TelnetMessage.Negotiation n)) {
            super.channelRead(ctx, msg);
            return;
        }
        int o = n.option();
        log.debug("server: {}", n);
        switch (n.verb()) {
            case Telnet.WILL -> {
                if (!him[o]) {
                    if (SERVER_MAY.contains(o)) {
                        him[o] = true;
                        if (!himAsked[o]) {
                            reply(ctx, Telnet.DO, o);
                        }
                    } else {
                        reply(ctx, Telnet.DONT, o);
                    }
                }
                himAsked[o] = false;
            }
            case Telnet.WONT -> {
                if (him[o] && !himAsked[o]) {
                    reply(ctx, Telnet.DONT, o);
                }
                him[o] = false;
                himAsked[o] = false;
            }
            case Telnet.DO -> {
                if (!us[o]) {
                    if (WE_WILL.contains(o)) {
                        us[o] = true;
                        if (!usAsked[o]) {
                            reply(ctx, Telnet.WILL, o);
                        }
                    } else {
                        reply(ctx, Telnet.WONT, o);
                    }
                }
                usAsked[o] = false;
                if (o == Telnet.OPT_COM_PORT) {
                    comPort.complete(us[o]);
                }
            }
            case Telnet.DONT -> {
                if (us[o] && !usAsked[o]) {
                    reply(ctx, Telnet.WONT, o);
                }
                us[o] = false;
                usAsked[o] = false;
                if (o == Telnet.OPT_COM_PORT) {
                    comPort.complete(false);
                }
            }
            default -> { }
        }
    }

    private static void reply(ChannelHandlerContext ctx, int verb, int option) {
        ctx.writeAndFlush(new TelnetMessage.Negotiation(verb, option));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        comPort.complete(false);
        super.channelInactive(ctx);
    }
}
