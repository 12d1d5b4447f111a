package io.llexthil.link.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every child process a link started (a simulated board, a QEMU) that is still running when
 * the JVM exits without closing its links (a failed test, Ctrl-C): an orphan would keep its TCP
 * ports and flash file and burn a core. One shutdown hook serves every process.
 */
public final class ProcessReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> LIVE.forEach(Process::destroyForcibly), "llext-hil-process-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ProcessReaper() {}

    /** Watches {@code process} until it exits; once it has, it is forgotten on its own. */
    public static void track(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }
}
