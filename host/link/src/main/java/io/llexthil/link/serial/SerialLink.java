package io.llexthil.link.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListenerWithExceptions;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.link.internal.Blocking;
import io.llexthil.link.internal.LinkState;
import io.llexthil.link.internal.ListenerGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UART (or a pty standing in for one) through jSerialComm. The {@code serial} and {@code pty}
 * schemes share this class; a pty is recognised by its real path ({@code /dev/pts/N}) whichever
 * scheme named it, because what it can do depends on the device, not on the spelling.
 */
public final class SerialLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(SerialLink.class);
    private static final int EVENTS = SerialPort.LISTENING_EVENT_DATA_RECEIVED | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;

    private final LinkUrl url;
    private final SerialSettings settings;
    private final Object writeLock = new Object();
    private final LinkState state;
    private volatile SerialPort port;
    private volatile boolean pty;
    private int lastWriteTimeoutMs = -1;

    public SerialLink(LinkUrl url) {
        this.url = url;
        this.settings = SerialSettings.from(url);
        this.state = new LinkState(url.text());
    }

    @Override
    public LinkUrl url() { return url; }

    @Override
    public void open(LinkListener listener, Duration timeout) {
        if (port != null) {
            throw new LinkException(url.text(), "open", "already opened");
        }
        Path path = Path.of(settings.path());
        if (!Files.exists(path)) {
            throw new LinkException(url.text(), "open", "no such device " + path);
        }
        pty = url.scheme().equals("pty") || realPath(path).startsWith("/dev/pts/");
        SerialThreads.install();
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(settings.path());
        } catch (SerialPortInvalidPortException e) {
            throw new LinkException(url.text(), "open", "jSerialComm cannot use " + path + ": " + e.getMessage(), e);
        }
        if (!settings.exclusive()) {
            candidate.disableExclusiveLock();
        }
        candidate.setComPortParameters(settings.baud(), 8, SerialPortAdapter.stopBits(settings.stopBits()),
                SerialPortAdapter.parity(settings.parity()));
        candidate.setFlowControl(SerialPortAdapter.flow(settings.flow()));
        boolean opened = Blocking.call(url.text(), "open", timeout, () -> candidate.openPort(0));
        if (!opened) {
            throw new LinkException(url.text(), "open", openFailure(candidate.getLastErrorCode()));
        }
        ListenerGate newGate = state.attach(listener);
        port = candidate;
        if (!candidate.addDataListener(new EventPump(candidate, newGate))) {
            candidate.closePort();
            throw new LinkException(url.text(), "open", "could not start the port's listener thread");
        }
        log.debug("{}: open ({}{})", url, settings, pty ? ", pty" : "");
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toString();
        }
    }

    private static String openFailure(int errno) {
        return switch (errno) {
            case 13 -> "permission denied (errno 13): add the user to the 'dialout' group";
            case 11, 16 -> "device busy (errno " + errno + "): another process holds it open (exclusive=true locks it)";
            case 2 -> "no such device (errno 2)";
            default -> "open failed (errno " + errno + ")";
        };
    }

    /** Turns jSerialComm events into listener calls, and stops its disconnect storm at the first event. */
    private final class EventPump implements SerialPortDataListenerWithExceptions {
        private final SerialPort owner;
        private final ListenerGate events;
        private final AtomicBoolean gone = new AtomicBoolean();

        EventPump(SerialPort owner, ListenerGate events) {
            this.owner = owner;
            this.events = events;
        }

        @Override
        public int getListeningEvents() { return EVENTS; }

        @Override
        public void serialEvent(SerialPortEvent event) {
            int type = event.getEventType();
            if ((type & SerialPort.LISTENING_EVENT_DATA_RECEIVED) != 0) {
                byte[] data = event.getReceivedData();
                if (data != null) {
                    events.bytes(data);
                }
            }
            if ((type & SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) != 0 && gone.compareAndSet(false, true)) {
                // jSerialComm repeats this event in a tight loop until the port is closed; closing
                // from its own thread skips the join, and the thread ends when we return.
                drainUnread();
                owner.closePort();
                events.disconnected("device " + settings.path() + " went away (port disconnected)");
            }
        }

        /** Bytes that arrived together with the hang-up would be lost by the close: deliver them first. */
        private void drainUnread() {
            byte[] buf = new byte[4096];
            for (int round = 0; round < 16; round++) {
                int available = owner.bytesAvailable();
                int n = available > 0 ? owner.readBytes(buf, Math.min(available, buf.length)) : 0;
                if (n <= 0) {
                    return;
                }
                events.bytes(java.util.Arrays.copyOf(buf, n));
            }
        }

        @Override
        public void catchException(Exception e) {
            log.warn("{}: serial listener thread caught", url, e);
        }
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        SerialPort p = requireOpen("write");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writeLock) {
            int written = 0;
            while (written < bytes.length) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new LinkException(url.text(), "write", "timed out after " + timeout.toMillis() + " ms with "
                            + written + " of " + bytes.length + " bytes written");
                }
                setWriteTimeout(p, (int) Math.min(leftMs, Integer.MAX_VALUE));
                int n = p.writeBytes(bytes, bytes.length - written, written);
                if (n < 0) {
                    throw new LinkException(url.text(), "write", "device write failed (errno " + p.getLastErrorCode()
                            + ") after " + written + " of " + bytes.length + " bytes");
                }
                written += n;
            }
        }
    }

    private void setWriteTimeout(SerialPort p, int ms) {
        if (ms != lastWriteTimeoutMs) {
            p.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, ms);
            lastWriteTimeoutMs = ms;
        }
    }

    @Override
    public boolean isOpen() {
        SerialPort p = port;
        return p != null && state.isLive() && p.isOpen();
    }

    @Override
    public LinkCapabilities capabilities() {
        if (pty) {
            return new LinkCapabilities(false, false, "pty: a byte pipe with no modem lines and no line rate");
        }
        return new LinkCapabilities(true, true, "serial port: DTR/RTS and baud rate");
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        SerialPort p = requireOpen("control");
        if (pty) {
            throw new UnsupportedControlException(url.text(), line + " on a pty");
        }
        boolean ok = switch (line) {
            case DTR -> asserted ? p.setDTR() : p.clearDTR();
            case RTS -> asserted ? p.setRTS() : p.clearRTS();
        };
        if (!ok) {
            // A real tty refused the ioctl: the adapter has no such line (some CDC-ACM devices).
            throw new UnsupportedControlException(url.text(), line + " (the device refused it, errno "
                    + p.getLastErrorCode() + ")");
        }
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        SerialPort p = requireOpen("baud");
        if (pty) {
            throw new UnsupportedControlException(url.text(), "baud rate change on a pty");
        }
        if (!p.setBaudRate(baud)) {
            throw new LinkException(url.text(), "baud", "device refused " + baud + " baud (errno " + p.getLastErrorCode() + ")");
        }
    }

    private SerialPort requireOpen(String step) {
        return state.require(port, step, "device is disconnected");
    }

    @Override
    public void close() {
        if (!state.close()) {
            return;
        }
        SerialPort p = port;
        if (p != null && p.isOpen()) {
            try {
                Blocking.call(url.text(), "close", Duration.ofMillis(1500), p::closePort);
            } catch (LinkException e) {
                log.warn("{}", e.getMessage());
            }
        }
    }

    @Override
    public String toString() { return url.text(); }
}
