package io.llexthil.link.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child board processes (a simulated board, a QEMU) must never outlive the tool, even when the
 * JVM is killed with SIGKILL and no shutdown hook runs (CI runners do that on timeouts). On Linux
 * the child is started through util-linux's {@code setpriv --pdeathsig KILL}, so the kernel kills
 * it as soon as the thread that started it is gone. Link threads that start children live as
 * long as their link (the opener, or the link's supervisor), so this happens only when the link
 * or the whole JVM is gone. Where {@code setpriv} is missing the command runs as it is and only
 * {@link ProcessReaper} (a shutdown hook) covers it.
 */
public final class ParentDeath {
    private static final Path SETPRIV = findSetpriv();

    private ParentDeath() { }

    /**
     * {@code command} prefixed with {@code setpriv --pdeathsig KILL --} when that is available and
     * the program itself can be found (so a missing program still fails to start with its own error).
     */
    public static List<String> killedWithParent(List<String> command) {
        if (SETPRIV == null || command.isEmpty() || !runnable(command.get(0))) {
            return command;
        }
        List<String> argv = new ArrayList<>(command.size() + 4);
        argv.add(SETPRIV.toString());
        argv.add("--pdeathsig");
        argv.add("KILL");
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    private static Path findSetpriv() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        return onPath("setpriv");
    }

    private static boolean runnable(String program) {
        return program.contains("/") ? Files.isExecutable(Path.of(program)) : onPath(program) != null;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
