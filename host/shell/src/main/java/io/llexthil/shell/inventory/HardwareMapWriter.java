package io.llexthil.shell.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a hardware map in the format of {@code west twister --generate-hardware-map}: one entry
 * per serial port, {@code connected: true}, the probe's serial number as {@code id},
 * {@code platform: unknown} (to be filled in), the device's description as {@code product}, and
 * the port as {@code serial}. {@link HardwareMap#load} reads it back unchanged.
 */
public final class HardwareMapWriter {
    private HardwareMapWriter() { }

    /** One port to write: its path, the serial number (may be null) and the description (may be null). */
    public record PortEntry(String serial, String id, String product) { }

    public static void write(Path file, List<PortEntry> ports) {
        StringBuilder out = new StringBuilder();
        if (ports.isEmpty()) {
            out.append("[]\n");
        }
        for (PortEntry p : ports) {
            out.append("- connected: true\n");
            out.append("  id: ").append(quote(p.id() != null ? p.id() : p.serial())).append('\n');
            out.append("  platform: unknown\n");
            out.append("  product: ").append(quote(p.product() != null ? p.product() : "unknown")).append('\n');
            out.append("  serial: ").append(quote(p.serial())).append('\n');
        }
        try {
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hardware map " + file + ": " + e.getMessage(), e);
        }
    }

    /** Single-quoted YAML scalar: ids made of digits stay strings (twister quotes them too). */
    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
