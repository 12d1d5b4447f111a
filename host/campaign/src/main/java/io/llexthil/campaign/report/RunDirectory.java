package io.llexthil.campaign.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run's directory, {@code runs/<timestamp>-<command>/} by default. It is always new: when the
 * name exists a suffix is added, so no earlier run's files are ever overwritten.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public static final String SUMMARY = "summary.txt";
    public static final String JUNIT = "junit.xml";
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String TRANSCRIPTS = "transcripts";

    private RunDirectory() { }

    /** Creates {@code base/<timestamp>-<command>[-n]/} and returns it. */
    public static Path create(Path base, String command) {
        String stem = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + command;
        try {
            Files.createDirectories(base);
            for (int n = 1; n < 1000; n++) {
                Path dir = base.resolve(n == 1 ? stem : stem + "-" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    // another run started in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + base + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no free run directory name under " + base + " for " + stem);
    }

    /** Uses {@code dir} exactly, which must not exist yet (an explicit {@code --out}). */
    public static Path createExactly(Path dir) {
        try {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            return Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(dir + " already exists; a run directory is always new: choose another --out");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
