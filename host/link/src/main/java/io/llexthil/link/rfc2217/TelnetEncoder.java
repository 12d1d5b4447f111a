package io.llexthil.link.rfc2217;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Data ({@link ByteBuf}) with every 0xFF doubled, and {@link TelnetMessage}s as IAC sequences. */
public final class TelnetEncoder extends MessageToByteEncoder<Object> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ByteBuf || msg instanceof TelnetMessage;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof ByteBuf data) {
            writeEscaped(data, out);
        } else if (msg instanceof TelnetMessage.Negotiation n) {
            out.writeByte(Telnet.IAC).writeByte(n.verb()).writeByte(n.option());
        } else if (msg instanceof TelnetMessage.Subnegotiation s) {
            out.writeByte(Telnet.IAC).writeByte(Telnet.SB).writeByte(s.option());
            byte[] payload = s.payload();
            for (byte b : payload) {
                out.writeByte(b);
                if ((b & 0xFF) == Telnet.IAC) {
                    out.writeByte(Telnet.IAC);
                }
            }
            out.writeByte(Telnet.IAC).writeByte(Telnet.SE);
        } else if (msg instanceof TelnetMessage.Command c) {
            out.writeByte(Telnet.IAC).writeByte(c.code());
        }
    }

    private static void writeEscaped(ByteBuf data, ByteBuf out) {
        out.ensureWritable(data.readableBytes() + 16);
        while (data.isReadable()) {
            int iac = data.indexOf(data.readerIndex(), data.writerIndex(), (byte) Telnet.IAC);
            if (iac < 0) {
                out.writeBytes(data);
                return;
            }
            out.writeBytes(data, iac - data.readerIndex() + 1);
            out.writeByte(Telnet.IAC);
        }
    }
}
