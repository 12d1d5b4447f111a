package io.llexthil.link.serial;

import com.fazecast.jSerialComm.SerialPortThreadFactory;
import io.llexthil.link.internal.DaemonThreads;

/**
 * jSerialComm starts its event thread through one JVM-wide factory; by default that thread is a
 * non-daemon "Thread-N" that keeps the JVM alive and is anonymous in a thread dump. We install a
 * named daemon factory once, before the first port is opened.
 */
final class SerialThreads {
    static final String PREFIX = "llext-hil-serial-listener";

    private static boolean installed;

    private SerialThreads() {}

    static synchronized void install() {
        if (!installed) {
            SerialPortThreadFactory.set(DaemonThreads.factory(PREFIX));
            installed = true;
        }
    }
}
