package io.llexthil.link.qemu;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every QEMU still running when the JVM exits (a test that forgot close(), Ctrl-C), so no
 * emulator outlives the host agent and keeps burning a core. One hook for all processes.
 */
final class ProcessReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(ProcessReaper::killAll, "qemu-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ProcessReaper() {
    }

    static void watch(Process process) {
        LIVE.add(process);
    }

    static void forget(Process process) {
        LIVE.remove(process);
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
    }
}
