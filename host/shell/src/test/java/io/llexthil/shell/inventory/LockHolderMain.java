package io.llexthil.shell.inventory;

import java.nio.file.Path;

/** Run in a second JVM by {@link BoardLockTest}: takes a lock, says so, holds it until stdin closes. */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        try (BoardLock lock = BoardLock.acquire(args[0], Path.of(args[1]))) {
            System.out.println("LOCKED " + lock.file());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
