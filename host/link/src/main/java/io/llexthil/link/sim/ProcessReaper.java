package io.llexthil.link.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sim process we started, so a JVM that exits without closing its links (a failed test, ^C)
 * still kills them: an orphaned sim would hold its TCP port and flash file forever.
 */
final class ProcessReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> LIVE.forEach(Process::destroyForcibly), "llext-hil-sim-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ProcessReaper() {}

    static void track(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }
}
