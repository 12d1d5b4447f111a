package io.llexthil.link.rfc2217;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Splits a telnet byte stream into data ({@link ByteBuf}, {@code IAC IAC} undone) and
 * {@link TelnetMessage}s. A byte-at-a-time state machine whose state survives between reads, so
 * an IAC sequence split across TCP segments is decoded the same as a whole one.
 */
public final class TelnetDecoder extends ByteToMessageDecoder {
    /** A subnegotiation longer than this is garbage; COM-PORT ones are a few bytes. */
    static final int MAX_SUBNEGOTIATION = 4096;

    private enum State { DATA, IAC, VERB, SB_OPTION, SB_DATA, SB_IAC }

    private State state = State.DATA;
    private int verb;
    private int sbOption;
    private final ByteArrayOutputStream sb = new ByteArrayOutputStream();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ByteBuf data = null;
        while (in.isReadable()) {
            int b = in.readUnsignedByte();
            switch (state) {
                case DATA -> {
                    if (b == Telnet.IAC) {
                        state = State.IAC;
                    } else {
                        data = append(ctx, data, b);
                    }
                }
                case IAC -> {
                    if (b == Telnet.IAC) {
                        data = append(ctx, data, b);
                        state = State.DATA;
                    } else if (b >= Telnet.WILL && b <= Telnet.DONT) {
                        verb = b;
                        state = State.VERB;
                    } else if (b == Telnet.SB) {
                        state = State.SB_OPTION;
                    } else {
                        data = flush(data, out);
                        if (b != Telnet.SE) {
                            out.add(new TelnetMessage.Command(b));
                        }
                        state = State.DATA;
                    }
                }
                case VERB -> {
                    data = flush(data, out);
                    out.add(new TelnetMessage.Negotiation(verb, b));
                    state = State.DATA;
                }
                case SB_OPTION -> {
                    sbOption = b;
                    sb.reset();
                    state = State.SB_DATA;
                }
                case SB_DATA -> {
                    if (b == Telnet.IAC) {
                        state = State.SB_IAC;
                    } else if (sb.size() < MAX_SUBNEGOTIATION) {
                        sb.write(b);
                    }
                }
                case SB_IAC -> {
                    if (b == Telnet.IAC) {
                        if (sb.size() < MAX_SUBNEGOTIATION) {
                            sb.write(b);
                        }
                        state = State.SB_DATA;
                    } else {
                        // IAC SE ends it; any other command also ends a (malformed) subnegotiation
                        data = flush(data, out);
                        out.add(new TelnetMessage.Subnegotiation(sbOption, sb.toByteArray()));
                        if (b == Telnet.SE) {
                            state = State.DATA;
                        } else if (b >= Telnet.WILL && b <= Telnet.DONT) {
                            verb = b;
                            state = State.VERB;
                        } else {
                            state = State.DATA;
                        }
                    }
                }
            }
        }
        flush(data, out);
    }

    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf data, int b) {
        ByteBuf buf = data != null ? data : ctx.alloc().buffer(256);
        buf.writeByte(b);
        return buf;
    }

    private static ByteBuf flush(ByteBuf data, List<Object> out) {
        if (data != null) {
            out.add(data);
        }
        return null;
    }
}
