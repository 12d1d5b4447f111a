package io.llexthil.junit;

import io.llexthil.board.AccessMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The boards of one test class, kept in that class's {@link ExtensionContext.Store}: JUnit closes
 * the store's values when the class is done, so each board is closed exactly once, after the last
 * test of the class (and of its {@code @Nested} classes).
 *
 * <p>Both close interfaces: JUnit 5.13+ closes an {@link AutoCloseable} value and ignores the
 * other; older versions know only {@link ExtensionContext.Store.CloseableResource}. Closing twice
 * is a no-op anyway.
 */
@SuppressWarnings("deprecation") // CloseableResource: deprecated in 5.13, still the only hook before it
final class ClassBoards implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Class<?> testClass;
    private final Path runDir;
    private final Map<BoardSpec, ClassBoard> boards = new LinkedHashMap<>();
    private final Map<BoardSpec, RuntimeException> failedToOpen = new HashMap<>();
    private boolean closed;

    ClassBoards(Class<?> testClass, Path runDir) {
        this.testClass = testClass;
        this.runDir = runDir;
    }

    Path runDir() { return runDir; }

    /** The board for {@code spec}, opened on first use; a board that failed to open is not retried. */
    synchronized ClassBoard get(BoardSpec spec) {
        if (closed) {
            throw new IllegalStateException(testClass.getName() + ": " + spec.describe()
                    + " requested after the class's boards were closed");
        }
        if (spec.resetBeforeEach() && spec.mode() == AccessMode.READ_ONLY) {
            throw new ExtensionConfigurationException(testClass.getName() + ": " + spec.describe()
                    + ": resetBeforeEach needs mode READ_WRITE (a read-only board is never reset)");
        }
        ClassBoard board = boards.get(spec);
        if (board != null) {
            return board;
        }
        RuntimeException earlier = failedToOpen.get(spec);
        if (earlier != null) {
            throw new IllegalStateException(testClass.getName() + ": " + spec.describe()
                    + " could not be opened for an earlier test of this class: " + earlier.getMessage(), earlier);
        }
        try {
            board = ClassBoard.open(spec, nextRunDir());
        } catch (RuntimeException e) {
            failedToOpen.put(spec, e);
            throw e;
        }
        boards.put(spec, board);
        return board;
    }

    /**
     * Transcripts are named after the board, so each further board of the class gets a
     * subdirectory: two boards of one name never write the same file.
     */
    private Path nextRunDir() {
        int n = boards.size() + failedToOpen.size() + 1;
        return n == 1 ? runDir : runDir.resolve("board-" + n);
    }

    /** The board for {@code spec} when it is already open. */
    synchronized Optional<ClassBoard> find(BoardSpec spec) {
        return Optional.ofNullable(boards.get(spec));
    }

    synchronized List<ClassBoard> opened() {
        return List.copyOf(boards.values());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ClassBoard> reverse = new ArrayList<>(boards.values());
        Collections.reverse(reverse);
        RuntimeException failure = null;
        for (ClassBoard board : reverse) {
            try {
                board.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        boards.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
