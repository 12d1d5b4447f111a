package io.llexthil.link.qemu;

import io.llexthil.link.LinkException;
import io.llexthil.link.internal.ListenerGate;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection to QEMU's serial chardev, on Netty with one named daemon event-loop
 * thread. Received bytes go to the listener on that thread, in order; the end of the
 * connection is reported once, after the last bytes.
 */
final class QemuSerialConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QemuSerialConnection.class);

    private final String link;
    private final EventLoopGroup group;
    private final Channel channel;
    private final ByteTail received;

    private QemuSerialConnection(String link, EventLoopGroup group, Channel channel, ByteTail received) {
        this.link = link;
        this.group = group;
        this.channel = channel;
        this.received = received;
    }

    /**
     * Connects to the chardev on loopback.
     *
     * @param onClosed called once on the event-loop thread when the connection ends, whoever ends it
     */
    static QemuSerialConnection connect(String link, int port, ListenerGate events, Consumer<String> onClosed,
            Duration timeout) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("qemu-serial-" + port, true), NioIoHandler.newFactory());
        ByteTail received = new ByteTail(160);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new Delivery(link, events, onClosed, received));
        ChannelFuture connected = bootstrap.connect(QemuCommandLine.LOOPBACK, port);
        boolean done = connected.awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done || !connected.isSuccess()) {
            connected.cancel(false);
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            String why = done ? String.valueOf(connected.cause()) : "timed out after " + timeout.toMillis() + " ms";
            throw new LinkException(link, "serial connect", "cannot connect to QEMU's serial socket on port "
                    + port + ": " + why, connected.cause());
        }
        return new QemuSerialConnection(link, group, connected.channel(), received);
    }

    /**
     * Sends bytes, waiting for them to reach the socket. Called on the event-loop thread (from
     * the listener) it cannot wait there without deadlocking, so it queues and returns.
     */
    void write(byte[] bytes, Duration timeout) {
        if (!channel.isActive()) {
            throw new LinkException(link, "write", "serial connection is closed; last bytes seen: "
                    + received.escaped());
        }
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        if (!written.awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new LinkException(link, "write", "timed out after " + timeout.toMillis() + " ms writing "
                    + bytes.length + " bytes (the guest is not reading); last bytes seen: " + received.escaped());
        }
        if (!written.isSuccess()) {
            throw new LinkException(link, "write", "write failed: " + written.cause() + "; last bytes seen: "
                    + received.escaped(), written.cause());
        }
    }

    boolean isActive() { return channel.isActive(); }

    /** The last bytes received, escaped, for error messages. */
    String lastBytes() { return received.escaped(); }

    @Override
    public void close() {
        ChannelFuture closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(500, TimeUnit.MILLISECONDS);
        }
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * Hands bytes to the listener (through the link's gate, which also survives a listener that
     * throws) and reports the end of the connection.
     */
    private static final class Delivery extends ChannelInboundHandlerAdapter {
        private final String link;
        private final ListenerGate events;
        private final Consumer<String> onClosed;
        private final ByteTail received;

        Delivery(String link, ListenerGate events, Consumer<String> onClosed, ByteTail received) {
            this.link = link;
            this.events = events;
            this.onClosed = onClosed;
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                received.add(bytes, 0, bytes.length);
                events.bytes(bytes);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onClosed.accept("serial socket closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: serial socket error: {}", link, cause.toString());
            ctx.close();
        }
    }
}
