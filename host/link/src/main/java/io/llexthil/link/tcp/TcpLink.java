package io.llexthil.link.tcp;

import io.llexthil.link.ControlLine;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkParams;
import io.llexthil.link.LinkUrl;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Set;

/** A raw TCP byte stream: QEMU's serial socket, ser2net in raw mode, the simulated board. */
public final class TcpLink extends NettyChannelLink {

    public TcpLink(LinkUrl url) {
        super(url, LinkParams.of(url, Set.of("nodelay"), "tcp://127.0.0.1:5555?nodelay=true").bool("nodelay", true));
    }

    @Override
    protected void addCodec(ChannelPipeline pipeline) {
        // raw bytes: nothing between the socket and the listener
    }

    @Override
    public LinkCapabilities capabilities() {
        return RawTcpMedium.CAPABILITIES;
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        throw RawTcpMedium.noControlLine(url.text(), line);
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw RawTcpMedium.noBaudRate(url.text());
    }
}
