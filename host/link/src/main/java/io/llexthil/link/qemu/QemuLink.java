package io.llexthil.link.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.link.internal.Deadlines;
import io.llexthil.link.internal.ListenerGate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board emulated by QEMU: the guest's first serial port over a loopback TCP socket, with QMP
 * for reset and lifecycle.
 *
 * <p>{@link #open} starts QEMU paused, connects the serial socket, checks on QMP that QEMU has
 * attached it, and only then lets the VM run, so the first byte of the boot banner arrives.
 * {@link #hardReset} is QMP {@code system_reset}: the serial connection stays, and the next
 * boot's output follows on it. When QEMU exits the listener hears
 * {@link LinkListener#onDisconnected} with the exit code, after the last bytes.
 */
public final class QemuLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(QemuLink.class);
    private static final long ATTACH_POLL_MILLIS = 2;
    private static final Duration EXIT_SETTLE = Duration.ofMillis(500);

    private final LinkUrl url;
    private final QemuSpec spec;
    private final Object lifecycle = new Object();
    private volatile boolean open;
    private volatile boolean closing;
    private volatile ListenerGate gate;
    private volatile QemuProcess process;
    private volatile QemuSerialConnection serial;

    /** A link for a {@code qemu:} URL (see docs/qemu.md). */
    public QemuLink(LinkUrl url) {
        this(QemuSpec.fromUrl(url), url);
    }

    /** A link for a spec; {@code url} is only used to name the link in messages. */
    public QemuLink(QemuSpec spec, LinkUrl url) {
        this.spec = spec;
        this.url = url;
    }

    /** A link for a spec, named by the {@code qemu:} URL that would describe it. */
    public QemuLink(QemuSpec spec) {
        this(spec, urlFor(spec));
    }

    private static LinkUrl urlFor(QemuSpec spec) {
        String target = spec.binary().replaceFirst(".*qemu-system-", "");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("machine", spec.machine());
        params.put("kernel", spec.kernel().toString());
        StringBuilder text = new StringBuilder("qemu:").append(target);
        String separator = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            text.append(separator).append(p.getKey()).append('=').append(p.getValue());
            separator = "&";
        }
        return new LinkUrl("qemu", target, params, text.toString());
    }

    @Override
    public LinkUrl url() { return url; }

    @Override
    public void open(LinkListener listener, Duration timeout) {
        synchronized (lifecycle) {
            if (process != null) {
                throw new LinkException(url.text(), "open", "already opened; a QEMU link is opened once");
            }
            ListenerGate events = new ListenerGate(url.text(), listener);
            gate = events;
            long deadline = System.nanoTime() + timeout.toNanos();
            process = new QemuLauncher(spec, url.text()).start(timeout);
            try {
                serial = QemuSerialConnection.connect(url.text(), process.serialPort(), events, this::serialClosed,
                        Deadlines.remaining(deadline));
                awaitSerialAttached(deadline, timeout);
                open = true;
                process.qmp().cont(Deadlines.remaining(deadline));
                startExitWatcher(process);
                log.debug("{}: QEMU {} running, pid {}", url, process.qmp().version(), process.pid());
            } catch (RuntimeException e) {
                open = false;
                closing = true;
                events.silence();
                boolean died = process.awaitExit(Duration.ofMillis(100));
                String stderr = process.stderrTail();
                String state = process.state();
                closeResources();
                if (died) {
                    throw new QemuStartException(url.text(), "open", "QEMU " + state + " while opening: "
                            + e.getMessage(), stderr, e);
                }
                throw e;
            }
        }
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        QemuSerialConnection connection = serial;
        if (!open || connection == null) {
            throw new LinkException(url.text(), "write", "link is not open" + exitNote());
        }
        connection.write(bytes, timeout);
    }

    @Override
    public boolean isOpen() { return open; }

    /**
     * Names the emulator for reports: once QEMU runs, its version from QMP (e.g.
     * {@code QEMU 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3) mps2-an385: ...}), the RAM file and
     * the build-id override when the URL set them.
     */
    @Override
    public LinkCapabilities capabilities() {
        QemuProcess p = process;
        String version = p == null || closing ? "" : " " + versionText(p.qmp().version());
        StringBuilder d = new StringBuilder("QEMU").append(version).append(' ').append(spec.machine())
                .append(": serial over a loopback TCP socket, reset through QMP; no control lines");
        if (spec.memFile() != null) {
            d.append("; RAM file ").append(spec.memFile());
        }
        if (spec.buildId() != null) {
            d.append("; build id ").append(spec.buildId()).append(" loaded at 0x")
                    .append(Long.toHexString(QemuSpec.BUILD_ID_OVERRIDE_ADDRESS));
        }
        return LinkCapabilities.launched(d.toString());
    }

    /** {@code 7.2.22 Debian 1:7.2+...} (the greeting's version and package) as {@code 7.2.22 (Debian 1:7.2+...)}. */
    private static String versionText(String version) {
        int space = version.indexOf(' ');
        return space < 0 ? version : version.substring(0, space) + " (" + version.substring(space + 1).strip() + ")";
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        throw new UnsupportedControlException(url.text(), line + " (QEMU's serial socket has no modem lines)");
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw new UnsupportedControlException(url.text(), "baud rate change (QEMU's serial socket has no line rate)");
    }

    /**
     * QMP {@code system_reset}, then waits for QEMU's RESET event (which may come before the
     * command's reply). The serial connection stays open; the new boot's output follows on it.
     */
    @Override
    public void hardReset(Duration timeout) {
        QemuProcess running = requireRunning("hard reset");
        long deadline = System.nanoTime() + timeout.toNanos();
        QmpClient qmp = running.qmp();
        qmp.discardEvents("RESET");
        qmp.systemReset(timeout);
        qmp.awaitEvent("RESET", Deadlines.remaining(deadline));
    }

    /** The running QEMU (transcript, stderr, pid), or null before {@link #open}. */
    public QemuProcess process() {
        synchronized (lifecycle) {
            return process;
        }
    }

    /** The QMP session, for events and commands beyond reset. */
    public QmpClient qmp() {
        return requireRunning("qmp").qmp();
    }

    /** QEMU's version string from the QMP greeting, for reports. */
    public String qemuVersion() {
        return requireRunning("version").qmp().version();
    }

    /** Stops QEMU (QMP quit, then signals) and closes the sockets. Idempotent. */
    @Override
    public void close() {
        closing = true;
        open = false;
        ListenerGate events = gate;
        if (events != null) {
            events.silence();
        }
        synchronized (lifecycle) {
            closeResources();
        }
    }

    private void closeResources() {
        if (process != null) {
            process.close();
        }
        if (serial != null) {
            serial.close();
        }
    }

    /**
     * QEMU accepts the serial client in its main loop, not when the TCP handshake completes:
     * until {@code query-chardev} shows it attached, guest output would still be discarded.
     */
    private void awaitSerialAttached(long deadline, Duration timeout) {
        while (true) {
            JsonNode chardevs = process.qmp().execute("query-chardev", Map.of(), Deadlines.remaining(deadline));
            for (JsonNode chardev : chardevs) {
                if (QemuCommandLine.SERIAL_CHARDEV.equals(chardev.path("label").asText())
                        && !chardev.path("filename").asText().startsWith("disconnected:")) {
                    return;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new LinkException(url.text(), "serial attach", "QEMU did not attach the serial client within "
                        + timeout.toMillis() + " ms; chardevs: " + chardevs);
            }
            sleep(ATTACH_POLL_MILLIS);
        }
    }

    /** Called once on the serial event loop when the socket ends, after the last bytes. */
    private void serialClosed(String why) {
        open = false;
        ListenerGate events = gate;
        if (closing || events == null || events.isDone()) {
            return;
        }
        QemuProcess p = process;
        String reason = why;
        if (p != null && p.awaitExit(EXIT_SETTLE)) {
            String stderr = p.stderrTail().strip();
            reason = "QEMU " + p.state() + (stderr.isEmpty() ? "" : "; stderr: " + stderr);
        } else {
            reason = why + " while QEMU is " + (p == null ? "unknown" : p.state());
        }
        events.disconnected(reason);
    }

    /**
     * QEMU's exit closes the serial socket, which reports the disconnect. This thread is the
     * fallback if that socket somehow stays up: it closes it, which reports then.
     */
    private void startExitWatcher(QemuProcess p) {
        Thread watcher = new Thread(() -> {
            while (!p.awaitExit(Duration.ofMinutes(1))) {
                // keep waiting: close() makes QEMU exit too, which ends this loop
            }
            sleep(EXIT_SETTLE.toMillis());
            QemuSerialConnection s = serial;
            if (!closing && s != null && s.isActive()) {
                log.debug("{}: QEMU exited but its serial socket stayed up; closing it", url);
                s.close();
            }
        }, "qemu-exit-watch-" + p.pid());
        watcher.setDaemon(true);
        watcher.start();
    }

    private QemuProcess requireRunning(String step) {
        QemuProcess p;
        synchronized (lifecycle) {
            p = process;
        }
        if (p == null || closing) {
            throw new LinkException(url.text(), step, "link is not open" + exitNote());
        }
        return p;
    }

    private String exitNote() {
        QemuProcess p = process;
        return p != null && !p.isAlive() ? " (QEMU " + p.state() + ")" : "";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
