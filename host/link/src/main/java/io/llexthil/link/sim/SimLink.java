package io.llexthil.link.sim;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkException;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import io.llexthil.link.UnsupportedControlException;
import io.llexthil.link.internal.DaemonThreads;
import io.llexthil.link.internal.LinkState;
import io.llexthil.link.serial.SerialLink;
import io.llexthil.link.tcp.DirectTcpLink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated board (firmware/sim) as a link. Like a board behind a USB-serial adapter, the link
 * outlives the board's reboots: when the process exits with 3 (software reset) or 4 (power cut),
 * or {@link #hardReset} kills it, the same command line is started again on the same flash file
 * and reconnected, and the listener simply keeps receiving (the next boot's banner follows). Any
 * other exit, or a restart that fails, is reported once through {@code onDisconnected}.
 */
public final class SimLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(SimLink.class);
    static final int EXIT_POWERED_OFF = 0;
    static final int EXIT_BAD_COMMAND_LINE = 2;
    static final int EXIT_SOFTWARE_RESET = 3;
    static final int EXIT_POWER_CUT = 4;
    /** After the process exits, how long its last bytes may take to arrive before we move on. */
    private static final long DRAIN_MILLIS = 1000;
    /** A connection lost while the process lives on is a broken sim; give it this long to exit. */
    private static final long ORPHAN_MILLIS = 2000;

    private final LinkUrl url;
    private final SimSettings settings;
    private final LinkState state;
    private final AtomicBoolean resetRequested = new AtomicBoolean();
    /** Serialises delivery across runs: the old inner link's thread and the new one never overlap. */
    private final Object delivery = new Object();
    private volatile Run run;
    private volatile Duration startTimeout;
    private volatile CompletableFuture<Void> resetDone;
    private volatile Thread supervisor;
    private int runs;

    /** One process and the inner link connected to it. */
    private record Run(SimProcess process, Link inner, CountDownLatch innerGone) {}

    public SimLink(LinkUrl url) {
        this.url = url;
        this.settings = SimSettings.from(url);
        this.state = new LinkState(url.text());
    }

    @Override
    public LinkUrl url() { return url; }

    /** Restarts so far (software resets, power cuts, hard resets): for tests and reports. */
    public synchronized int restarts() {
        return Math.max(0, runs - 1);
    }

    /** The current sim process's id (changes on every restart), or -1 before open. */
    public long processId() {
        Run r = run;
        return r == null ? -1 : r.process().pid();
    }

    /** Where the sim's stderr and stdout of every run are collected. */
    public java.nio.file.Path logFile() {
        return settings.logFile();
    }

    @Override
    public void open(LinkListener listener, Duration timeout) {
        if (state.gate() != null) {
            throw new LinkException(url.text(), "open", "already opened");
        }
        state.attach(listener);
        startTimeout = timeout;
        run = launch(timeout);
        supervisor = DaemonThreads.start("llext-hil-sim-supervisor-" + run.process().pid(), this::supervise);
    }

    private Run launch(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        synchronized (this) {
            n = ++runs;
        }
        SimProcess process = SimProcess.start(url.text(), settings, n);
        try {
            ListeningLine listening = process.awaitListening(timeout);
            if (listening.transport() != settings.transport()) {
                throw new LinkException(url.text(), "start", "asked for " + settings.transport() + " but the sim says "
                        + listening);
            }
            CountDownLatch innerGone = new CountDownLatch(1);
            Link inner = innerLink(listening);
            Run next = new Run(process, inner, innerGone);
            // published before any byte of this run arrives: a caller that sees this boot's banner
            // and resets at once must reach this process, not the one that just exited
            run = next;
            inner.open(new InnerListener(innerGone), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (listening.transport() == SimSettings.Transport.PTY) {
                process.releaseBoot();
            }
            log.info("{}: run {} (pid {}) connected via {}", url, n, process.pid(), listening.address());
            return next;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    private Link innerLink(ListeningLine listening) {
        return switch (listening.transport()) {
            // our own process on loopback: the caller-driven link, no thread hand-off per command
            case TCP -> new DirectTcpLink(LinkUrl.parse("tcp://" + listening.address()));
            case PTY -> new SerialLink(LinkUrl.parse("pty://" + listening.address()));
        };
    }

    /** Passes bytes on; the inner link's disconnect only tells the supervisor the stream is drained. */
    private final class InnerListener implements io.llexthil.link.LinkListener {
        private final CountDownLatch gone;

        InnerListener(CountDownLatch gone) {
            this.gone = gone;
        }

        @Override
        public void onBytes(byte[] bytes) {
            synchronized (delivery) {
                state.gate().bytes(bytes);
            }
        }

        @Override
        public void onDisconnected(String reason) {
            gone.countDown();
        }
    }

    private void supervise() {
        try {
            while (!state.isClosed()) {
                Run current = run;
                int code = awaitExitOrOrphan(current);
                if (state.isClosed()) {
                    return;
                }
                current.innerGone().await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
                current.inner().close();
                boolean requested = resetRequested.getAndSet(false);
                if (code == EXIT_SOFTWARE_RESET || code == EXIT_POWER_CUT || requested) {
                    log.info("{}: sim exited with {} ({}); restarting", url, code, requested ? "hard reset" : describe(code));
                    try {
                        Run next = launch(startTimeout);
                        run = next;
                        if (state.isClosed()) {
                            // close() ran while we were starting: it could not see this run
                            next.process().kill();
                            next.inner().close();
                            return;
                        }
                    } catch (LinkException e) {
                        if (!state.isClosed()) {
                            failReset(e);
                            state.gate().disconnected("simulated board exited with code " + code + " and could not be restarted: "
                                    + e.getMessage());
                        }
                        return;
                    }
                    CompletableFuture<Void> waiter = resetDone;
                    if (waiter != null) {
                        waiter.complete(null);
                    }
                    continue;
                }
                String reason = "simulated board exited with code " + code + " (" + describe(code) + "); stderr: "
                        + current.process().stderrTail() + "; log: " + settings.logFile();
                failReset(new LinkException(url.text(), "hard reset", reason));
                state.gate().disconnected(reason);
                return;
            }
        } catch (InterruptedException e) {
            // close() interrupts us: nothing left to supervise
        }
    }

    /** The exit code; if the connection dropped while the process lives on, kills it after a grace time. */
    private int awaitExitOrOrphan(Run current) throws InterruptedException {
        long orphanSince = -1;
        while (true) {
            int code = current.process().awaitExit(100);
            if (code >= 0 || state.isClosed()) {
                return code;
            }
            if (current.innerGone().getCount() == 0) {
                if (orphanSince < 0) {
                    orphanSince = System.nanoTime();
                } else if (System.nanoTime() - orphanSince > ORPHAN_MILLIS * 1_000_000) {
                    log.warn("{}: connection lost but the sim (pid {}) still runs; killing it", url, current.process().pid());
                    current.process().kill();
                }
            }
        }
    }

    private static String describe(int code) {
        return switch (code) {
            case EXIT_POWERED_OFF -> "powered off";
            case EXIT_BAD_COMMAND_LINE -> "bad command line";
            case EXIT_SOFTWARE_RESET -> "software reset";
            case EXIT_POWER_CUT -> "power cut";
            case 137 -> "killed";
            default -> code > 128 ? "killed by signal " + (code - 128) : "crashed or failed";
        };
    }

    private void failReset(LinkException e) {
        CompletableFuture<Void> waiter = resetDone;
        if (waiter != null) {
            waiter.completeExceptionally(e);
        }
    }

    /**
     * Writes to the current run. While the board is restarting the write waits (within its
     * timeout) for the next run, as typing into a rebooting board's adapter would.
     */
    @Override
    public void write(byte[] bytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Run r = requireOpen("write");
            if (r.inner().isOpen()) {
                try {
                    r.inner().write(bytes, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    return;
                } catch (LinkException e) {
                    if (r.inner().isOpen() || System.nanoTime() >= deadline) {
                        throw new LinkException(url.text(), "write", "via " + e.getMessage(), e);
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new LinkException(url.text(), "write", "the simulated board is restarting and was not back within "
                        + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LinkException(url.text(), "write", "interrupted waiting for the restarting board");
            }
        }
    }

    /** Pumps the current run's connection; false while the board restarts (the caller then just waits). */
    @Override
    public boolean pump(long maxNanos, java.util.function.BooleanSupplier caughtUp) {
        Run r = run;
        return r != null && !state.isClosed() && r.inner().isOpen() && r.inner().pump(maxNanos, caughtUp);
    }

    @Override
    public boolean isOpen() {
        Run r = run;
        return r != null && state.isLive();
    }

    @Override
    public LinkCapabilities capabilities() {
        return LinkCapabilities.launched("simulated board (" + settings.transport().name().toLowerCase()
                + "): hard reset restarts the process; no modem lines, no line rate");
    }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        throw new UnsupportedControlException(url.text(), line + " on the simulated board");
    }

    @Override
    public void setBaudRate(int baud, Duration timeout) {
        throw new UnsupportedControlException(url.text(), "baud rate change on the simulated board (use baud= in the URL)");
    }

    /** Kills the process (SIGKILL: a power cycle) and waits until the next run is connected. */
    @Override
    public void hardReset(Duration timeout) {
        Run current = requireOpen("hard reset");
        CompletableFuture<Void> done = new CompletableFuture<>();
        resetDone = done;
        resetRequested.set(true);
        current.process().kill();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkException(url.text(), "hard reset", "the sim was not running again within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(url.text(), "hard reset", "interrupted");
        } catch (ExecutionException e) {
            throw new LinkException(url.text(), "hard reset", e.getCause().getMessage(), e.getCause());
        } finally {
            resetDone = null;
        }
    }

    private Run requireOpen(String step) {
        return state.require(run, step, "simulated board is gone");
    }

    /** Kills the process and waits (briefly) for it to be reaped, whatever state the link is in. */
    @Override
    public void close() {
        if (!state.close()) {
            return;
        }
        failReset(new LinkException(url.text(), "hard reset", "link closed"));
        Run r = run;
        if (r != null) {
            r.process().kill();
            r.inner().close();
            try {
                if (r.process().awaitExit(500) < 0) {
                    log.warn("{}: sim pid {} not reaped within 500 ms of SIGKILL", url, r.process().pid());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread s = supervisor;
        if (s != null && s != Thread.currentThread()) {
            s.interrupt();
            try {
                s.join(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() { return url.text(); }
}
