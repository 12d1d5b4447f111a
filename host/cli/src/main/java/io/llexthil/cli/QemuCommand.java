package io.llexthil.cli;

import io.llexthil.link.qemu.QemuLauncher;
import io.llexthil.link.qemu.QemuProcess;
import io.llexthil.link.qemu.QemuSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "qemu", mixinStandardHelpOptions = true,
        description = {"Start a firmware image under QEMU with the right flags (serial and QMP on loopback, nodelay)",
                "and print its link URL; runs until Ctrl-C. QEMU stays paused until the first client connects to",
                "that URL, so the boot banner is never lost. For test runs, --link 'qemu:...' starts QEMU per run."})
final class QemuCommand implements Callable<Integer> {
    @Option(names = "--kernel", required = true, paramLabel = "ELF", description = "The firmware ELF (-kernel).")
    Path kernel;

    @Option(names = "--target", paramLabel = "ARCH", defaultValue = "arm", description = "Which QEMU runs it: qemu-system-ARCH. Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--machine", paramLabel = "MACHINE", defaultValue = "mps2-an385", description = "QEMU machine (-machine), the board the firmware was built for. Default: ${DEFAULT-VALUE}.")
    String machine;

    @Option(names = "--extra", paramLabel = "ARG", description = "Extra QEMU argument (repeatable).")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(kernel)) {
            throw new ConfigException("--kernel " + kernel + ": no such file; build the firmware first (docs/qemu.md)");
        }
        QemuSpec spec = QemuSpec.of(target, machine, kernel.toAbsolutePath()).withExtraArgs(extra);
        QemuProcess qemu = new QemuLauncher(spec, "qemu:" + target).start(Duration.ofSeconds(30));
        Runtime.getRuntime().addShutdownHook(new Thread(qemu::close, "llext-hil-qemu-shutdown"));
        try (ServerSocket front = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.out().println("tcp://127.0.0.1:" + front.getLocalPort());
            Cli.out().flush();
            Cli.err().println("QEMU pid " + qemu.pid() + " (" + machine + ", " + kernel + ") is paused until a client connects;"
                    + " serial transcript " + qemu.transcript() + "; Ctrl-C to stop.");
            boolean resumed = false;
            while (qemu.isAlive()) {
                Socket client = front.accept();
                Socket serial = new Socket(InetAddress.getLoopbackAddress(), qemu.serialPort());
                serial.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                pump(client.getInputStream(), serial.getOutputStream(), client, serial, "to-qemu");
                pump(serial.getInputStream(), client.getOutputStream(), client, serial, "from-qemu");
                if (!resumed) {
                    // attached before the first instruction runs: nothing the firmware prints is lost
                    qemu.qmp().cont(Duration.ofSeconds(5));
                    resumed = true;
                    Cli.err().println("client connected; QEMU running");
                }
            }
        }
        Cli.err().println("QEMU exited: " + qemu.state());
        return ExitCodes.OK;
    }

    /** Copies bytes one way until either side closes, then closes both (one client at a time). */
    private static void pump(InputStream in, OutputStream out, Socket a, Socket b, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // one side closed: the other is closed below
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "llext-hil-qemu-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
