package io.llexthil.shell.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive claim on a board, by id, while a session uses it: an OS file lock
 * ({@link FileChannel#tryLock}) on {@code ${java.io.tmpdir}/llext-hil-locks/<id>.lock}, so it
 * works across JVMs and is released by the OS if the holder dies. The holder writes its pid,
 * host and start time into the file; a second user gets a {@link BoardBusyException} naming it.
 *
 * <p>Two things the OS lock alone gets wrong are handled here. Within one JVM, POSIX locks
 * belong to the process: a second {@code tryLock} would either throw or, worse, closing the
 * second channel would drop the first holder's lock; so the files this JVM holds are tracked
 * and a second attempt is refused as busy before any channel is opened. The file is removed on
 * release, so a refused or finished command leaves nothing behind. And a lock that stays
 * held although the pid written in it is gone from this host (a lock server that kept a dead
 * client's lock) is stale: the file is removed, after checking it is still the same file, and
 * the lock is taken on a fresh one.
 */
public final class BoardLock implements AutoCloseable {
    /** Lock files held by this JVM, as absolute paths. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** rwxrwxrwt, as /tmp: every user may add a lock, only a lock's owner may remove it. */
    static final int SHARED_DIRECTORY_MODE = 01777;
    /** rw-rw-rw-: every user may open a lock file to try its lock. */
    static final int SHARED_FILE_MODE = 0666;
    /** A stale file is replaced at most this often per attempt (another user may race for it). */
    private static final int MAX_ATTEMPTS = 3;

    private final String id;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    /** The identity (inode) of the locked file. */
    private final Object key;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BoardLock(String id, Path file, FileChannel channel, FileLock lock, Object key) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "llext-hil-locks");
    }

    public static BoardLock acquire(String id) { return acquire(id, defaultDirectory()); }

    /** Takes the lock at once or throws {@link BoardBusyException}; never waits. */
    public static BoardLock acquire(String id, Path directory) {
        Path file = directory.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock").toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new BoardBusyException(id, "pid " + ProcessHandle.current().pid()
                    + " (this process: another session of it holds the board)", file.toString());
        }
        try {
            sharedDirectory(directory);
            for (int attempt = 1; ; attempt++) {
                BoardLock taken = tryOnce(id, file, attempt < MAX_ATTEMPTS);
                if (taken != null) return taken;
            }
        } catch (AccessDeniedException e) {
            HELD.remove(file);
            throw new UncheckedIOException("board " + id + ": cannot lock " + file + ": permission denied (the"
                    + " directory: " + ownerOf(directory) + "); the lock directory and its files are shared by every user"
                    + " of this machine: chmod 1777 " + directory + " and chmod 666 " + directory + "/*.lock", e);
        } catch (IOException e) {
            HELD.remove(file);
            throw new UncheckedIOException("board " + id + ": cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /**
     * Creates the lock directory for every user of the machine, as /tmp is (rwxrwxrwt: anyone may
     * add a lock file, only its owner may remove it), so that users share one lock per board. A
     * directory that exists is left as it is; a symbolic link in its place is refused.
     */
    private static void sharedDirectory(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            // in a directory every user can write to, a link there may be anyone's: locks would be
            // taken (and removed) wherever it points
            throw new IOException("the lock directory is a symbolic link (to " + Files.readSymbolicLink(directory)
                    + "); remove the link, the next run creates the directory");
        }
        if (Files.isDirectory(directory)) return;
        Files.createDirectories(directory);
        setMode(directory, SHARED_DIRECTORY_MODE);
    }

    /** Sets the Unix mode where there is one (not on Windows); failing to is not fatal: the owner still locks. */
    private static void setMode(Path path, int mode) {
        try {
            Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // no Unix modes here, or not our file: its owner's mode stays
        }
    }

    private static String ownerOf(Path directory) {
        try {
            return "owned by " + Files.getOwner(directory).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner is unknown";
        }
    }

    /**
     * One attempt: the lock, or null to try again (the file was replaced under us, or a stale
     * file was removed), or {@link BoardBusyException}.
     */
    private static BoardLock tryOnce(String id, Path file, boolean mayRetry) throws IOException {
        Object before = fileKey(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            // the identity of what we opened: if the path names another file later, ours was removed
            Object opened = fileKey(file);
            if (opened == null || (before != null && !before.equals(opened))) {
                channel.close(); // replaced while we opened it: open again
                if (!mayRetry) throw new IOException("the lock file keeps being replaced");
                return null;
            }
            // Other users must open the file to lock it (the directory's sticky bit still keeps them
            // from removing it). Only its creator can change the mode: others fail quietly. Before the
            // lock, because the JDK may open and close the file for it, and closing any handle on a
            // file drops the process's POSIX lock on it.
            setMode(file, SHARED_FILE_MODE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // a channel outside this class holds it in this JVM
            }
            if (lock == null) {
                String holder = readHolder(channel);
                if (mayRetry && isStale(holder) && removeIfSame(file, opened, holder)) {
                    channel.close();
                    return null;
                }
                channel.close();
                throw new BoardBusyException(id, holder, file.toString());
            }
            if (!opened.equals(fileKey(file))) {
                // someone removed the (stale) file between our open and our lock: lock the new one
                lock.release();
                channel.close();
                if (!mayRetry) throw new IOException("the lock file keeps being replaced");
                return null;
            }
            channel.truncate(0);
            String me = "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now()
                    + " (user " + System.getProperty("user.name") + ")\n";
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new BoardLock(id, file, channel, lock, opened);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** A holder line {@code pid N on HOST ...} naming this host and a pid that no longer runs. */
    static boolean isStale(String holder) {
        String[] words = holder.split(" ");
        if (words.length < 4 || !words[0].equals("pid") || !words[2].equals("on")) return false;
        long pid;
        try {
            pid = Long.parseLong(words[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return words[3].equals(hostName()) && pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).isEmpty();
    }

    /** Deletes {@code file} if it is still the file seen as {@code key} and still names {@code holder}. */
    private static boolean removeIfSame(Path file, Object key, String holder) throws IOException {
        if (!key.equals(fileKey(file))) return true; // already replaced: just try again
        try (FileChannel again = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!holder.equals(readHolder(again))) return false; // a new holder wrote in the meantime
        } catch (NoSuchFileException e) {
            return true;
        }
        try {
            Files.deleteIfExists(file);
        } catch (AccessDeniedException othersFile) {
            return false; // another user's file in the sticky directory: report the holder as busy
        }
        return true;
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return Objects.requireNonNullElse(attributes.fileKey(), attributes.creationTime());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another user (no details written yet)" : text;
    }

    static String hostName() {
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

    /**
     * Removes the file and releases the lock. Removing it while it is still locked is safe because
     * every {@code acquire} checks after locking that the path still names the file it locked: a
     * user that opened this file before the removal finds it gone and locks a fresh one.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return; // a second close must not free a later holder's entry
        try {
            if (lock.isValid() && key.equals(fileKey(file))) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the file stays; the next user takes it over
        }
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        } finally {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }
}
