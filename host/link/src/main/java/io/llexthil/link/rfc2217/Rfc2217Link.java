package io.llexthil.link.rfc2217;

import io.llexthil.link.ControlLine;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkParams;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.link.tcp.NettyChannelLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote serial port behind an RFC 2217 server (ser2net, labgrid exporters): telnet with
 * COM-PORT-OPTION for the baud rate and the DTR/RTS lines.
 */
public final class Rfc2217Link extends NettyChannelLink {
    private static final Logger log = LoggerFactory.getLogger(Rfc2217Link.class);
    static final String EXAMPLE = "rfc2217://127.0.0.1:2217?baud=115200&control-confirm-ms=500";

    private final Integer initialBaud;
    private final Duration controlConfirm;
    private final TelnetNegotiator negotiator = new TelnetNegotiator();
    private final ComPortClient comPort = new ComPortClient();
    private volatile boolean comPortAccepted;

    public Rfc2217Link(LinkUrl url) {
        this(url, LinkParams.of(url, Set.of("baud", "nodelay", "control-confirm-ms"), EXAMPLE));
    }

    private Rfc2217Link(LinkUrl url, LinkParams p) {
        super(url, p.bool("nodelay", true));
        this.initialBaud = p.has("baud") ? p.integer("baud", 0, 50, 4_000_000) : null;
        this.controlConfirm = p.millis("control-confirm-ms", Duration.ofMillis(500));
    }

    @Override
    protected void addCodec(ChannelPipeline pipeline) {
        pipeline.addLast("telnet-decoder", new TelnetDecoder());
        pipeline.addLast("telnet-encoder", new TelnetEncoder());
        pipeline.addLast("telnet-negotiator", negotiator);
        pipeline.addLast("com-port", comPort);
    }

    @Override
    protected void afterConnect(Channel channel, Duration timeout) {
        try {
            comPortAccepted = negotiator.comPortAccepted().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkException(url.text(), "negotiate", "server did not answer WILL COM-PORT-OPTION within "
                    + timeout.toMillis() + " ms (is it an RFC 2217 server?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(url.text(), "negotiate", "interrupted");
        } catch (ExecutionException e) {
            throw new LinkException(url.text(), "negotiate", String.valueOf(e.getCause().getMessage()), e.getCause());
        }
        if (!comPortAccepted) {
            log.warn("{}: server refused COM-PORT-OPTION: bytes only, no baud rate or control lines", url);
        }
        if (initialBaud != null) {
            setBaudRate(initialBaud, timeout);
        }
    }

    @Override
    public LinkCapabilities capabilities() {
        return comPortAccepted
                ? new LinkCapabilities(true, true, "RFC 2217: baud rate acknowledged by the server; DTR/RTS sent, "
                        + "confirmed only where the server answers SET-CONTROL")
                : new LinkCapabilities(false, false, "telnet without COM-PORT-OPTION: bytes only");
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        Channel ch = requireComPort("baud", "baud rate change");
        byte[] value = ByteBuffer.allocate(4).putInt(baud).array();
        byte[] answer = await(comPort.send(ch, Telnet.CPO_SET_BAUDRATE, value), "baud", "SET-BAUDRATE " + baud, timeout);
        if (answer == null) {
            throw new LinkException(url.text(), "baud", "server did not acknowledge SET-BAUDRATE " + baud + " within "
                    + timeout.toMillis() + " ms");
        }
        int reported = answer.length == 4 ? ByteBuffer.wrap(answer).getInt() : -1;
        if (reported != baud) {
            throw new LinkException(url.text(), "baud", "asked for " + baud + " baud, server reports " + reported);
        }
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        Channel ch = requireComPort("control", line.toString());
        int code = switch (line) {
            case DTR -> asserted ? Telnet.CONTROL_DTR_ON : Telnet.CONTROL_DTR_OFF;
            case RTS -> asserted ? Telnet.CONTROL_RTS_ON : Telnet.CONTROL_RTS_OFF;
        };
        String what = "SET-CONTROL " + line + (asserted ? " on" : " off");
        Duration wait = timeout.compareTo(controlConfirm) < 0 ? timeout : controlConfirm;
        byte[] answer = await(comPort.send(ch, Telnet.CPO_SET_CONTROL, (byte) code), "control", what, wait);
        if (answer == null) {
            // ser2net on a pty never answers SET-CONTROL: the command went out, its effect is unknown
            log.warn("{}: {} sent; server did not confirm within {} ms: line state UNCONFIRMED", url, what, wait.toMillis());
            return;
        }
        if (answer.length != 1 || (answer[0] & 0xFF) != code) {
            throw new LinkException(url.text(), "control", what + " answered with state "
                    + (answer.length == 0 ? "none" : String.valueOf(answer[0] & 0xFF)) + " instead of " + code);
        }
    }

    /** The last NOTIFY-MODEMSTATE value (RFC 2217 bit mask: CD 0x80, RI 0x40, DSR 0x20, CTS 0x10, ...). */
    public OptionalInt lastModemState() {
        return comPort.modemState();
    }

    private Channel requireComPort(String step, String what) {
        Channel ch = requireOpen(step);
        if (!comPortAccepted) {
            throw new UnsupportedControlException(url.text(), what + " (server refused COM-PORT-OPTION)");
        }
        return ch;
    }

    /** The answer, or null when none came within {@code timeout}. */
    private byte[] await(CompletableFuture<byte[]> answer, String step, String what, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw new LinkException(url.text(), step, "interrupted waiting for the answer to " + what);
        } catch (ExecutionException e) {
            throw new LinkException(url.text(), step, what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
