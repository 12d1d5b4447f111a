package io.llexthil.link.tcp;

import io.llexthil.link.ControlLine;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkParams;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;
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
        return new LinkCapabilities(false, false, "raw TCP: bytes only, no modem lines, no line rate");
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        throw new UnsupportedControlException(url.text(), line + " over raw TCP");
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw new UnsupportedControlException(url.text(), "baud rate change over raw TCP");
    }
}
