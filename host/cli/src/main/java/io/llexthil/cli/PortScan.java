package io.llexthil.cli;

import io.llexthil.link.serial.SerialPorts;
import io.llexthil.shell.inventory.HardwareMapWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code boards --scan} and {@code boards --generate-hardware-map FILE}. */
final class PortScan {
    private PortScan() { }

    static int run(Path mapFile) {
        List<SerialPorts.Port> ports = SerialPorts.scan();
        if (ports.isEmpty()) {
            Cli.out().println("no serial ports found (USB-UART adapters and debug probes appear as /dev/ttyACM*,"
                    + " /dev/ttyUSB*; a pty is not a port: give it with --link 'serial:///dev/pts/N')");
        } else {
            Cli.out().printf(Locale.ROOT, "%-14s  %-9s  %-20s  %-24s  %s%n", "port", "usb", "serial number", "description",
                    "by-id");
            for (SerialPorts.Port p : ports) {
                Cli.out().printf(Locale.ROOT, "%-14s  %-9s  %-20s  %-24s  %s%n", p.path(), p.usbId(),
                        orDash(p.serialNumber()), orDash(p.description()), orDash(p.byId()));
            }
        }
        if (mapFile != null) {
            HardwareMapWriter.write(mapFile, ports.stream().map(p -> new HardwareMapWriter.PortEntry(p.stablePath(),
                    p.serialNumber(), p.description())).toList());
            Cli.out().println("hardware map: " + mapFile + " (" + ports.size() + " entr" + (ports.size() == 1 ? "y" : "ies")
                    + "; set each platform, then --hardware-map " + mapFile + ")");
        }
        return ExitCodes.OK;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
