package io.llexthil.shell.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive claim on a board, by id, while a session uses it: an OS file lock
 * ({@link FileChannel#tryLock}) on {@code ${java.io.tmpdir}/llext-hil-locks/<id>.lock}, so it
 * works across JVMs and is released by the OS if the holder dies. The holder writes its pid,
 * host and start time into the file; a second user gets a {@link BoardBusyException} naming it.
 */
public final class BoardLock implements AutoCloseable {
    private final String id;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private BoardLock(String id, Path file, FileChannel channel, FileLock lock) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "llext-hil-locks");
    }

    public static BoardLock acquire(String id) { return acquire(id, defaultDirectory()); }

    /** Takes the lock at once or throws {@link BoardBusyException}; never waits. */
    public static BoardLock acquire(String id, Path directory) {
        Path file = directory.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new BoardBusyException(id, holder, file.toString());
            }
            channel.truncate(0);
            String me = "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now()
                    + " (user " + System.getProperty("user.name") + ")\n";
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new BoardLock(id, file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("board " + id + ": cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another user (no details written yet)" : text;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    public String id() { return id; }

    public Path file() { return file; }

    /** Releases the lock; the file stays (deleting it would race with the next user). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
    }
}
