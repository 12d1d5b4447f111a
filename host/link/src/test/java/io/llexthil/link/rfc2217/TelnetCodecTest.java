package io.llexthil.link.rfc2217;

import static io.llexthil.link.rfc2217.Telnet.DO;
import static io.llexthil.link.rfc2217.Telnet.DONT;
import static io.llexthil.link.rfc2217.Telnet.IAC;
import static io.llexthil.link.rfc2217.Telnet.SB;
import static io.llexthil.link.rfc2217.Telnet.SE;
import static io.llexthil.link.rfc2217.Telnet.WILL;
import static io.llexthil.link.rfc2217.Telnet.WONT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The telnet codec, negotiator and COM-PORT client in Netty's EmbeddedChannel. */
class TelnetCodecTest {

    private static ByteBuf bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return Unpooled.wrappedBuffer(b);
    }

    /** Everything the decoder produced: data joined, messages in order. */
    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Object m; (m = ch.readInbound()) != null; ) {
            if (m instanceof ByteBuf b) {
                data.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            } else {
                if (data.size() > 0) {
                    out.add(data.toByteArray());
                    data.reset();
                }
                out.add(m);
            }
        }
        if (data.size() > 0) {
            out.add(data.toByteArray());
        }
        return out;
    }

    private static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) m;
            all.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return all.toByteArray();
    }

    @Test
    void doubledIacInDataIsOneFF() {
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder());
        ch.writeInbound(bytes('a', IAC, IAC, 0x00, 'b'));
        assertThat(drain(ch)).singleElement().isEqualTo(new byte[] {'a', (byte) 0xFF, 0x00, 'b'});
    }

    @Test
    void iacSplitAcrossReadsDecodesTheSame() {
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder());
        ch.writeInbound(bytes('x', IAC));
        ch.writeInbound(bytes(IAC, 'y', IAC));
        ch.writeInbound(bytes(WILL));
        ch.writeInbound(bytes(Telnet.OPT_SGA, IAC, SB, 44));
        ch.writeInbound(bytes(107, IAC));
        ch.writeInbound(bytes(IAC, IAC));
        ch.writeInbound(bytes(SE, 'z'));
        assertThat(drain(ch)).containsExactly(
                new byte[] {'x', (byte) 0xFF, 'y'},
                new TelnetMessage.Negotiation(WILL, Telnet.OPT_SGA),
                new TelnetMessage.Subnegotiation(44, new byte[] {107, (byte) 0xFF}),
                new byte[] {'z'});
    }

    @Test
    void everySplitPointOfAMixedStreamGivesTheSameResult() {
        int[] stream = {'A', IAC, IAC, IAC, DO, 0, 'B', IAC, SB, 44, 101, 0, 0, IAC, IAC, 0x10, IAC, SE, IAC, 241, 'C'};
        EmbeddedChannel whole = new EmbeddedChannel(new TelnetDecoder());
        whole.writeInbound(bytes(stream));
        List<Object> expected = drain(whole);
        assertThat(expected).hasSize(6);
        for (int split = 1; split < stream.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder());
            int[] a = java.util.Arrays.copyOfRange(stream, 0, split);
            int[] b = java.util.Arrays.copyOfRange(stream, split, stream.length);
            ch.writeInbound(bytes(a));
            ch.writeInbound(bytes(b));
            assertThat(drain(ch)).as("split at %d", split).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
        }
    }

    @Test
    void encoderDoublesFFInDataAndInSubnegotiation() {
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetEncoder());
        ch.writeOutbound(bytes(0x00, 0xFF, 'a', 0xFF, 0xFF));
        ch.writeOutbound(new TelnetMessage.Negotiation(WILL, 44));
        ch.writeOutbound(new TelnetMessage.Subnegotiation(44, new byte[] {1, 0, 0, (byte) 0xFF, (byte) 0xFF}));
        assertThat(outbound(ch)).isEqualTo(bytes(0x00, IAC, IAC, 'a', IAC, IAC, IAC, IAC,
                IAC, WILL, 44,
                IAC, SB, 44, 1, 0, 0, IAC, IAC, IAC, IAC, IAC, SE).array());
    }

    @Test
    void encoderThenDecoderIsIdentityForAllByteValues() {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        EmbeddedChannel enc = new EmbeddedChannel(new TelnetEncoder());
        enc.writeOutbound(Unpooled.wrappedBuffer(all));
        byte[] wire = outbound(enc);
        assertThat(wire).hasSize(all.length + 2);
        EmbeddedChannel dec = new EmbeddedChannel(new TelnetDecoder());
        for (byte b : wire) {
            dec.writeInbound(Unpooled.wrappedBuffer(new byte[] {b})); // worst case: one byte per read
        }
        assertThat(drain(dec)).singleElement().isEqualTo(all);
    }

    @Test
    void negotiatorOffersOurOptionsAndAnswersSer2netsOpeningWithoutLooping() {
        TelnetNegotiator negotiator = new TelnetNegotiator();
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder(), new TelnetEncoder(), negotiator);
        assertThat(outbound(ch)).isEqualTo(bytes(IAC, WILL, 0, IAC, DO, 0, IAC, WILL, 3, IAC, DO, 3, IAC, WILL, 44).array());
        CompletableFuture<Boolean> comPort = negotiator.comPortAccepted();
        assertThat(comPort).isNotDone();

        // ser2net 4.3's opening, as measured: WILL 3, DO 3, WILL 1, DONT 1, DO 0, WILL 0, DO 44
        ch.writeInbound(bytes(IAC, WILL, 3, IAC, DO, 3, IAC, WILL, 1, IAC, DONT, 1, IAC, DO, 0, IAC, WILL, 0, IAC, DO, 44));

        // only ECHO is refused; everything else answered our own requests, so needs no reply
        assertThat(outbound(ch)).isEqualTo(bytes(IAC, DONT, 1).array());
        assertThat(comPort).isCompletedWithValue(true);
        assertThat(negotiator.serverBinary()).isTrue();

        // a repeated WILL for an option already on gets no answer (RFC 1143: no loops)
        ch.writeInbound(bytes(IAC, WILL, 0, IAC, DO, 44));
        assertThat(outbound(ch)).isEmpty();
        // unknown options we are asked to do are refused; the server switching one off is acknowledged
        ch.writeInbound(bytes(IAC, DO, 24, IAC, WONT, 3));
        assertThat(outbound(ch)).isEqualTo(bytes(IAC, WONT, 24, IAC, DONT, 3).array());
        Object leftover = ch.readInbound();
        assertThat(leftover).as("negotiations are consumed").isNull();
    }

    @Test
    void serverRefusingComPortIsReported() {
        TelnetNegotiator negotiator = new TelnetNegotiator();
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder(), new TelnetEncoder(), negotiator);
        outbound(ch);
        ch.writeInbound(bytes(IAC, DONT, 44));
        assertThat(negotiator.comPortAccepted()).isCompletedWithValue(false);
        assertThat(outbound(ch)).as("a refusal of our own request needs no answer").isEmpty();
    }

    @Test
    void comPortClientMatchesAnswersAndKeepsModemState() {
        ComPortClient client = new ComPortClient();
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetDecoder(), new TelnetEncoder(), client);
        CompletableFuture<byte[]> baud = client.send(ch, Telnet.CPO_SET_BAUDRATE, (byte) 0, (byte) 0, (byte) 0x25, (byte) 0x80);
        CompletableFuture<byte[]> dtr = client.send(ch, Telnet.CPO_SET_CONTROL, (byte) Telnet.CONTROL_DTR_ON);
        assertThat(outbound(ch)).isEqualTo(bytes(IAC, SB, 44, 1, 0, 0, 0x25, 0x80, IAC, SE,
                IAC, SB, 44, 5, 8, IAC, SE).array());

        // a modem state notification and data between the answers; baud 0x0000FF00 has an escaped FF
        ch.writeInbound(bytes(IAC, SB, 44, 107, 0x30, IAC, SE, 'd', IAC, SB, 44, 101, 0, 0, 0x25, 0x80, IAC, SE));
        assertThat(baud.getNow(null)).isEqualTo(new byte[] {0, 0, 0x25, (byte) 0x80});
        assertThat(dtr).isNotDone();
        assertThat(client.modemState()).hasValue(0x30);
        ch.writeInbound(bytes(IAC, SB, 44, 105, 8, IAC, SE));
        assertThat(dtr.getNow(null)).isEqualTo(new byte[] {8});
        ByteBuf data = ch.readInbound();
        assertThat(ByteBufUtil.getBytes(data)).isEqualTo(new byte[] {'d'});
        data.release();

        CompletableFuture<byte[]> pending = client.send(ch, Telnet.CPO_SET_BAUDRATE, (byte) 0, (byte) 0, (byte) 0xFF, (byte) 0);
        assertThat(outbound(ch)).isEqualTo(bytes(IAC, SB, 44, 1, 0, 0, IAC, IAC, 0, IAC, SE).array());
        ch.close();
        assertThat(pending).isCompletedExceptionally();
    }
}
