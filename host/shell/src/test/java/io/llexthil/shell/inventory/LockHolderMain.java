package io.llexthil.shell.inventory;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a second JVM by {@link BoardLockTest}: takes a lock, says so ({@code LOCKED file}), holds
 * it until stdin closes; or says {@code BUSY message} and exits 3. With a third argument, it holds
 * the OS lock on the file directly and writes that pid as the holder: a holder this host cannot
 * see (another PID namespace, a lock server that kept a dead client's lock).
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            holdAs(Path.of(args[1]).resolve(args[0] + ".lock"), args[2]);
            return;
        }
        try (BoardLock lock = BoardLock.acquire(args[0], Path.of(args[1]))) {
            System.out.println("LOCKED " + lock.file());
            System.out.flush();
            waitForStdinEnd();
        } catch (BoardBusyException e) {
            System.out.println("BUSY " + e.getMessage());
            System.exit(3);
        }
    }

    private static void holdAs(Path file, String pid) throws Exception {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            String line = "pid " + pid + " on " + BoardLock.hostName() + " since 2026-01-01T00:00:00Z (user x)\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
            System.out.println("LOCKED " + file + " " + lock.isValid());
            System.out.flush();
            waitForStdinEnd();
        }
    }

    private static void waitForStdinEnd() throws Exception {
        while (System.in.read() >= 0) {
            // hold the lock until the parent closes our stdin
        }
    }
}
