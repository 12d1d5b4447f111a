package io.llexthil.link.tcp;

import io.llexthil.link.Link;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.internal.Deadlines;
import io.llexthil.link.internal.LinkState;
import io.llexthil.link.internal.ListenerGate;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TCP and RFC 2217 share: one Netty channel on its own single-thread event loop (so bytes reach
 * the listener in order, on one named daemon thread), connect and write with timeouts, EOF and
 * errors reported once as a disconnect. Subclasses add their codec to the pipeline.
 */
public abstract class NettyChannelLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(NettyChannelLink.class);

    protected final LinkUrl url;
    private final String host;
    private final int port;
    private final boolean nodelay;
    private final LinkState state;
    private volatile EventLoopGroup group;
    private volatile Channel channel;

    protected NettyChannelLink(LinkUrl url, boolean nodelay) {
        this.url = url;
        int colon = url.target().lastIndexOf(':');
        String h = url.target().substring(0, colon);
        this.host = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        this.port = Integer.parseInt(url.target().substring(colon + 1));
        this.nodelay = nodelay;
        this.state = new LinkState(url.text());
    }

    @Override
    public LinkUrl url() { return url; }

    /** Adds the medium's handlers in front of the byte sink (which receives plain data ByteBufs). */
    protected abstract void addCodec(ChannelPipeline pipeline);

    /** After the TCP connection is up: negotiate what the medium needs, within {@code timeout}. */
    protected void afterConnect(Channel channel, Duration timeout) {}

    @Override
    public void open(LinkListener listener, Duration timeout) {
        if (group != null) {
            throw new LinkException(url.text(), "open", "already opened");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ListenerGate newGate = state.attach(listener);
        group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("llext-hil-" + url.scheme() + "-" + url.target(), true),
                NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, nodelay)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        addCodec(ch.pipeline());
                        ch.pipeline().addLast("link-sink", new ByteSink(newGate));
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        try {
            if (!connect.await(timeout.toMillis() + 100, TimeUnit.MILLISECONDS)) {
                throw new LinkException(url.text(), "connect", "timed out after " + timeout.toMillis() + " ms");
            }
            if (!connect.isSuccess()) {
                throw new LinkException(url.text(), "connect", String.valueOf(connect.cause().getMessage()), connect.cause());
            }
            channel = connect.channel();
            afterConnect(channel, Deadlines.remaining(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LinkException(url.text(), "connect", "interrupted");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Last handler: delivers data to the listener and turns EOF or an error into one disconnect. */
    private final class ByteSink extends SimpleChannelInboundHandler<ByteBuf> {
        private final ListenerGate events;

        ByteSink(ListenerGate events) {
            this.events = events;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            events.bytes(ByteBufUtil.getBytes(msg));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.disconnected("peer closed the connection to " + host + ":" + port);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: channel error", url, cause);
            events.disconnected("connection to " + host + ":" + port + " failed: " + cause.getMessage());
            ctx.close();
        }
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        Channel ch = requireOpen("write");
        ChannelFuture f = ch.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        awaitWrite(f, "write", bytes.length + " bytes", timeout);
    }

    /** Writes a message through the pipeline (data or a medium-specific command) and waits for it. */
    protected void awaitWrite(ChannelFuture f, String step, String what, Duration timeout) {
        try {
            if (!f.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LinkException(url.text(), step, "timed out after " + timeout.toMillis() + " ms writing "
                        + what + " (the peer is not reading)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(url.text(), step, "interrupted writing " + what);
        }
        if (!f.isSuccess()) {
            throw new LinkException(url.text(), step, "writing " + what + " failed: " + f.cause().getMessage(), f.cause());
        }
    }

    protected Channel requireOpen(String step) {
        String closedDetail = "connection to " + host + ":" + port + " is closed";
        Channel ch = state.require(channel, step, closedDetail);
        if (!ch.isActive()) {
            throw new LinkException(url.text(), step, closedDetail);
        }
        return ch;
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && state.isLive();
    }

    @Override
    public void close() {
        if (!state.close()) {
            return;
        }
        EventLoopGroup grp = group;
        if (grp == null) {
            return;
        }
        boolean onLoop = grp.next().inEventLoop();
        Channel ch = channel;
        if (ch != null) {
            ChannelFuture f = ch.close();
            if (!onLoop) {
                f.awaitUninterruptibly(500);
            }
        }
        var terminated = grp.shutdownGracefully(0, 300, TimeUnit.MILLISECONDS);
        if (!onLoop) {
            terminated.awaitUninterruptibly(1200);
        }
    }

    @Override
    public String toString() { return url.text(); }
}
