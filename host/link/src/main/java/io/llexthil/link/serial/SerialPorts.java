package io.llexthil.link.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The serial ports of this machine as jSerialComm sees them, with the stable
 * {@code /dev/serial/by-id/...} name where udev made one (the name twister's hardware map uses,
 * which survives re-plugging). A pty is not a port and is never listed.
 */
public final class SerialPorts {
    private static final Path BY_ID = Path.of("/dev/serial/by-id");

    private SerialPorts() { }

    /**
     * One port.
     *
     * @param path         the device, e.g. {@code /dev/ttyACM0}
     * @param byId         its {@code /dev/serial/by-id} link, or null
     * @param vendorId     USB vendor id, or -1 when not a USB device
     * @param productId    USB product id, or -1
     * @param serialNumber the USB serial number (for a probe: twister's {@code id}), or null
     * @param description  what the device says it is (e.g. {@code J-Link}), or null
     */
    public record Port(String path, String byId, int vendorId, int productId, String serialNumber, String description) {
        /** {@code 1366:0105}, or {@code -} for a port that is not on USB. */
        public String usbId() {
            return vendorId < 0 ? "-" : String.format("%04x:%04x", vendorId, productId);
        }

        /** The name to put in a hardware map: the by-id link when there is one. */
        public String stablePath() {
            return byId != null ? byId : path;
        }
    }

    /** Ports on USB first, then the rest, each sorted by path. */
    public static List<Port> scan() {
        Map<String, String> byId = byIdLinks();
        List<Port> ports = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String path = p.getSystemPortPath();
            ports.add(new Port(path, byId.get(realPath(path)), p.getVendorID(), p.getProductID(),
                    blankToNull(p.getSerialNumber()), blankToNull(p.getPortDescription())));
        }
        ports.sort((a, b) -> a.vendorId() < 0 != b.vendorId() < 0 ? (a.vendorId() < 0 ? 1 : -1)
                : a.path().compareTo(b.path()));
        return ports;
    }

    private static Map<String, String> byIdLinks() {
        Map<String, String> links = new HashMap<>();
        if (!Files.isDirectory(BY_ID)) {
            return links;
        }
        try (Stream<Path> entries = Files.list(BY_ID)) {
            entries.forEach(link -> links.put(realPath(link.toString()), link.toString()));
        } catch (IOException e) {
            // no by-id names: the plain device paths still work
        }
        return links;
    }

    private static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            return path;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equalsIgnoreCase("Unknown") ? null : s.strip();
    }
}
