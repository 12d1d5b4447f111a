package io.llexthil.cli;

import io.llexthil.link.qemu.QemuLauncher;
import io.llexthil.link.qemu.QemuProcess;
import io.llexthil.link.qemu.QemuSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "qemu", mixinStandardHelpOptions = true,
        description = {"Start a firmware image under QEMU with the right flags (serial and QMP on loopback, nodelay)",
                "and print its link URL; runs until Ctrl-C. Most users instead pass a qemu: URL to --link,",
                "which starts QEMU per run without losing the boot banner."})
final class QemuCommand implements Callable<Integer> {
    @Option(names = "--kernel", required = true, paramLabel = "ELF", description = "The firmware ELF (-kernel).")
    Path kernel;

    @Option(names = "--target", defaultValue = "arm", description = "qemu-system-<target>. Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--machine", defaultValue = "mps2-an385", description = "Default: ${DEFAULT-VALUE}.")
    String machine;

    @Option(names = "--extra", paramLabel = "ARG", description = "Extra QEMU argument (repeatable).")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(kernel)) {
            throw new ConfigException("--kernel " + kernel + ": no such file; build the firmware first (docs/qemu.md)");
        }
        QemuSpec spec = QemuSpec.of(target, machine, kernel.toAbsolutePath()).withExtraArgs(extra);
        QemuProcess qemu = new QemuLauncher(spec, "qemu:" + target).start(Duration.ofSeconds(30));
        Runtime.getRuntime().addShutdownHook(new Thread(qemu::close, "llext-hil-qemu-shutdown"));
        qemu.qmp().cont(Duration.ofSeconds(5));
        Cli.out().println("tcp://127.0.0.1:" + qemu.serialPort());
        Cli.err().println("QEMU pid " + qemu.pid() + " running " + kernel + " on " + machine + "; serial transcript "
                + qemu.transcript() + "; Ctrl-C to stop.");
        Cli.err().println("self-launching alternative: --link 'qemu:" + target + "?machine=" + machine + "&kernel=" + kernel.toAbsolutePath() + "'");
        Cli.out().flush();
        while (qemu.isAlive()) {
            Thread.sleep(500);
        }
        Cli.err().println("QEMU exited: " + qemu.state());
        return ExitCodes.OK;
    }
}
