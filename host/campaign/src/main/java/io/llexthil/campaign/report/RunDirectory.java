package io.llexthil.campaign.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A run's directory, {@code runs/<timestamp>-<command>/} by default. It is always new: when the
 * name exists a suffix is added, so no earlier run's files are ever overwritten. A run that never
 * starts is {@link #discard discarded} with the parents created for it, so a refused invocation
 * leaves nothing on disk.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Directories this process created as parents of run directories (removed again if left empty). */
    private static final Set<Path> CREATED_PARENTS = ConcurrentHashMap.newKeySet();

    public static final String SUMMARY = "summary.txt";
    public static final String JUNIT = "junit.xml";
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String TRANSCRIPTS = "transcripts";
    /** The cases as they finished, one JSON line each ({@link CaseJournal}). */
    public static final String JOURNAL = "cases.jsonl";

    private RunDirectory() { }

    /**
     * Creates {@code base/<timestamp>-<command>[-n]/} and returns it.
     *
     * @throws IllegalArgumentException {@code base} is a file, or cannot be created or written (the message says why)
     */
    public static Path create(Path base, String command) {
        String stem = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + command;
        createParents(base);
        for (int n = 1; n < 1000; n++) {
            Path dir = base.resolve(n == 1 ? stem : stem + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: try the next suffix
            } catch (IOException e) {
                throw new IllegalArgumentException(problem(base, e), e);
            }
        }
        throw new IllegalStateException("no free run directory name under " + base + " for " + stem);
    }

    /**
     * Uses {@code dir} exactly, which must not exist yet (an explicit {@code --out}).
     *
     * @throws IllegalArgumentException it exists, or cannot be created (the message says why)
     */
    public static Path createExactly(Path dir) {
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " already exists; a run directory is always new: choose another --out");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createParents(parent);
        }
        try {
            return Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(dir + " already exists; a run directory is always new: choose another --out");
        } catch (IOException e) {
            throw new IllegalArgumentException(problem(dir, e), e);
        }
    }

    /**
     * Deletes a run directory this process created (a run that was refused before it started), and
     * the parents created for it when they are empty now.
     */
    public static void discard(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null && CREATED_PARENTS.contains(p); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
                CREATED_PARENTS.remove(p);
            } catch (DirectoryNotEmptyException inUse) {
                return; // another run of this process lives there
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Creates {@code dir} and its missing parents, remembering which ones were new. */
    private static void createParents(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(dir + ": is a file, not a directory; give a directory (it is created when missing)");
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                CREATED_PARENTS.add(p);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(p + ": is a file, not a directory; give a directory");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(problem(p, e), e);
            }
        }
    }

    /** "PATH: cannot create a directory there: REASON", with the operating system's reason. */
    private static String problem(Path path, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            Path parent = path.toAbsolutePath().getParent();
            reason = parent != null && Files.isDirectory(parent)
                    ? parent + " does not take new directories (no such file or directory)" : "a parent directory is missing";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return path + ": cannot create a directory there (" + reason + "); choose a writable place";
    }
}
