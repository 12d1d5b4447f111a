package io.llexthil.link.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the QEMU argument list. Every flag is there for a reason a test depends on:
 * <ul>
 *   <li>{@code -S}: start paused, so the host can connect the serial socket before the first
 *       byte is printed (QEMU discards serial output while no client is connected);</li>
 *   <li>{@code nodelay=on} on both sockets: without it QEMU's side uses Nagle and every round
 *       trip costs ~44 ms (the client's TCP_NODELAY does not help);</li>
 *   <li>{@code wait=off}: QEMU does not block on the serial socket, so QMP comes up at once;</li>
 *   <li>{@code logfile=}: QEMU itself records the whole serial transcript, even bytes the host
 *       never read;</li>
 *   <li>{@code -nographic -monitor none}: no window and no human monitor on stdio; QMP is the
 *       only control channel;</li>
 *   <li>with a RAM file: {@code -object memory-backend-file,...,share=on} and
 *       {@code -machine memory-backend=}: the machine's RAM is the file (mapped shared), so the
 *       guest's storage there outlives the process, as flash outlives a board's power-off;</li>
 *   <li>with a build id: {@code -device loader,addr=...,data=...,data-len=8}: QEMU writes the
 *       value (little-endian) before the CPU starts and again at every reset, so the firmware
 *       reads it at every boot of this process.</li>
 * </ul>
 */
final class QemuCommandLine {
    static final String SERIAL_CHARDEV = "ser0";
    static final String QMP_CHARDEV = "qmp0";
    static final String LOOPBACK = "127.0.0.1";
    static final String RAM_BACKEND = "llexthil-ram";

    private QemuCommandLine() {
    }

    static List<String> build(QemuSpec spec, int serialPort, int qmpPort, Path transcript) {
        List<String> args = new ArrayList<>();
        args.add(spec.binary());
        args.add("-machine");
        args.add(spec.machine());
        args.add("-nographic");
        args.add("-monitor");
        args.add("none");
        args.add("-S");
        // the serial chardev comes first: QEMU creates chardevs in order, so once the QMP port
        // accepts, the serial port is listening too
        args.add("-chardev");
        args.add("socket,id=" + SERIAL_CHARDEV + ",host=" + LOOPBACK + ",port=" + serialPort
                + ",server=on,wait=off,nodelay=on,logfile=" + optionValue(transcript.toString()));
        args.add("-serial");
        args.add("chardev:" + SERIAL_CHARDEV);
        args.add("-chardev");
        args.add("socket,id=" + QMP_CHARDEV + ",host=" + LOOPBACK + ",port=" + qmpPort
                + ",server=on,wait=off,nodelay=on");
        args.add("-mon");
        args.add("chardev=" + QMP_CHARDEV + ",mode=control");
        args.add("-kernel");
        args.add(spec.kernel().toString());
        if (spec.memFile() != null) {
            args.add("-object");
            args.add("memory-backend-file,id=" + RAM_BACKEND + ",size=" + spec.memSize() + ",mem-path="
                    + optionValue(spec.memFile().toAbsolutePath().toString()) + ",share=on");
            args.add("-machine");
            args.add("memory-backend=" + RAM_BACKEND);
        }
        if (spec.buildId() != null) {
            args.add("-device");
            args.add("loader,addr=0x" + Long.toHexString(QemuSpec.BUILD_ID_OVERRIDE_ADDRESS) + ",data=0x" + spec.buildId()
                    + ",data-len=8");
        }
        args.addAll(spec.extraArgs());
        return args;
    }

    /** QEMU's option syntax splits on commas; a literal comma is written twice. */
    static String optionValue(String value) {
        return value.replace(",", ",,");
    }
}
