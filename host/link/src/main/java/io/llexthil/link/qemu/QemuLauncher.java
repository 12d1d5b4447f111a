package io.llexthil.link.qemu;

import io.llexthil.link.internal.Deadlines;
import io.llexthil.link.internal.ParentDeath;
import io.llexthil.link.internal.ProcessReaper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@code qemu-system-*} paused ({@code -S}) with its serial port and QMP on loopback
 * sockets, and returns once QMP is negotiated. The VM does not run until someone sends
 * {@code cont}: {@link QemuLink} connects the serial socket first, so no boot output is lost.
 *
 * <p>Ports are picked by binding port 0; if another process takes one before QEMU binds it,
 * QEMU exits with "Address already in use" and the launch is retried with new ports.
 */
public final class QemuLauncher {
    private static final Logger log = LoggerFactory.getLogger(QemuLauncher.class);
    private static final int PORT_CLASH_ATTEMPTS = 3;
    private static final long CONNECT_POLL_MILLIS = 5;

    private final QemuSpec spec;
    private final String link;

    /** @param link name for error messages (the link URL, or any label) */
    public QemuLauncher(QemuSpec spec, String link) {
        this.spec = spec;
        this.link = link;
    }

    /**
     * Launches QEMU and negotiates QMP, all within {@code timeout}.
     *
     * @throws QemuStartException QEMU is missing, exited during start (message has its stderr),
     *                            or was not ready in time (it is killed then)
     */
    public QemuProcess start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path dir = workDir();
        for (int attempt = 1; ; attempt++) {
            try {
                return launchOnce(dir, deadline, timeout);
            } catch (PortClash clash) {
                if (attempt == PORT_CLASH_ATTEMPTS) {
                    throw new QemuStartException(link, "qemu start", "ports taken by another process "
                            + attempt + " times in a row", clash.stderr, null);
                }
                log.info("{}: port clash on attempt {}, retrying with new ports", link, attempt);
            }
        }
    }

    private QemuProcess launchOnce(Path dir, long deadline, Duration timeout) {
        int[] ports = FreePorts.pick(2);
        Path transcript = dir.resolve("serial.log");
        Path stderr = dir.resolve("qemu.stderr.log");
        List<String> command = QemuCommandLine.build(spec, ports[0], ports[1], transcript);
        log.debug("{}: starting {}", link, command);
        Process process;
        try {
            process = new ProcessBuilder(ParentDeath.killedWithParent(command))
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(dir.resolve("qemu.stdout.log").toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new QemuStartException(link, "qemu start", "cannot run " + spec.binary() + ": " + e.getMessage()
                    + " (Debian packages: qemu-system-arm, qemu-system-x86, qemu-system-misc)", "", e);
        }
        ProcessReaper.track(process);
        try {
            Socket socket = connectWhileAlive(process, ports[1], stderr, deadline, timeout);
            QmpClient qmp = QmpClient.connect(link, socket, Deadlines.remaining(deadline));
            return new QemuProcess(link, process, qmp, ports[0], transcript, stderr, command);
        } catch (PortClash clash) {
            kill(process);
            throw clash;
        } catch (RuntimeException e) {
            boolean died = awaitExit(process, Duration.ofMillis(200));
            kill(process);
            String err = QemuProcess.tail(stderr);
            if (died && err.contains("Address already in use")) {
                throw new PortClash(err);
            }
            if (e instanceof QemuStartException) {
                throw e;
            }
            String state = died ? "QEMU exited with code " + process.exitValue() : "QEMU did not answer on QMP";
            throw new QemuStartException(link, "qemu start", state + ": " + e.getMessage(), err, e);
        }
    }

    /** Polls the QMP port until it accepts, failing fast (with stderr) if QEMU exits meanwhile. */
    private Socket connectWhileAlive(Process process, int port, Path stderr, long deadline, Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(QemuCommandLine.LOOPBACK, port);
        while (true) {
            if (!process.isAlive()) {
                String err = QemuProcess.tail(stderr);
                if (err.contains("Address already in use")) {
                    throw new PortClash(err);
                }
                throw new QemuStartException(link, "qemu start", "QEMU exited with code " + process.exitValue()
                        + " before opening its QMP socket", err, null);
            }
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                kill(process);
                throw new QemuStartException(link, "qemu start", "timed out after " + timeout.toMillis()
                        + " ms waiting for QEMU's QMP socket on port " + port, QemuProcess.tail(stderr), null);
            }
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, (int) Math.min(leftMillis, 1000));
                return socket;
            } catch (ConnectException refused) {
                closeQuietly(socket);
                sleep(CONNECT_POLL_MILLIS);
            } catch (IOException e) {
                closeQuietly(socket);
                sleep(CONNECT_POLL_MILLIS);
            }
        }
    }

    private Path workDir() {
        try {
            // QEMU creates a missing RAM file, but not its directory
            Path memParent = spec.memFile() == null ? null : spec.memFile().toAbsolutePath().getParent();
            if (memParent != null) {
                Files.createDirectories(memParent);
            }
            if (spec.workDir() != null) {
                return Files.createDirectories(spec.workDir());
            }
            return Files.createTempDirectory("llexthil-qemu-");
        } catch (IOException e) {
            throw new QemuStartException(link, "qemu start", "cannot create work dir " + spec.workDir() + ": " + e, "",
                    e);
        }
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(1));
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting QEMU", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a socket that never connected
        }
    }

    /** QEMU could not bind a port we picked: launch again with new ones. */
    private static final class PortClash extends RuntimeException {
        final String stderr;

        PortClash(String stderr) {
            super("Address already in use", null, false, false);
            this.stderr = stderr;
        }
    }
}
