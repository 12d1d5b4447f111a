package io.llexthil.junit;

import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.shell.BoardProfile;
import io.llexthil.shell.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One board opened for one test class: the ready client, where its transcript goes, its private
 * flash file when it has one, and which test last ran on the current boot (for resetBeforeEach).
 */
final class ClassBoard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassBoard.class);

    private final BoardSpec spec;
    private final BoardProfile profile;
    private final BoardClient client;
    private final Path freshFlashDir;
    private String lastPreparedTest;
    private boolean bootUsed;

    private ClassBoard(BoardSpec spec, BoardProfile profile, BoardClient client, Path freshFlashDir) {
        this.spec = spec;
        this.profile = profile;
        this.client = client;
        this.freshFlashDir = freshFlashDir;
    }

    /** Resolves the profile, gives a sim its own flash when asked, opens and waits until ready. */
    static ClassBoard open(BoardSpec spec, Path runDir) {
        if (!spec.pool().isEmpty()) {
            ClassBoard leased = PoolLease.first(spec.pool(), name -> open(spec.member(name), runDir),
                    java.time.Duration.ofSeconds(spec.poolWaitSeconds()));
            return new ClassBoard(spec, leased.profile, leased.client, leased.freshFlashDir);
        }
        BoardProfile profile = Boards.profile(spec.name().isEmpty() ? null : spec.name(),
                spec.hardwareMap().isEmpty() ? null : Path.of(spec.hardwareMap()),
                spec.link().isEmpty() ? null : spec.link());
        Path flashDir = null;
        if (spec.freshFlash() && FreshFlash.applies(profile.link())) {
            flashDir = createTempDir();
            Path flash = flashDir.resolve(safe(profile.name()) + ".flash");
            // The board lock guards a shared flash file; a private one needs no shared key, and a
            // key of its own lets other classes and other JVMs run simulated boards meanwhile.
            profile = profile.toBuilder()
                    .link(FreshFlash.withFlash(profile.link(), flash.toString()))
                    .id(safe(profile.id()) + "-" + flashDir.getFileName())
                    .build();
        }
        try {
            BoardClient client = Boards.open(profile, runDir, spec.mode());
            return new ClassBoard(spec, profile, client, flashDir);
        } catch (RuntimeException e) {
            deleteTree(flashDir);
            throw e;
        }
    }

    BoardSpec spec() { return spec; }

    BoardClient client() { return client; }

    /**
     * Called once per test before it runs: with resetBeforeEach, a boot that an earlier test
     * already used is reset, so every test starts on a boot of its own.
     */
    void beforeTest(String testId) {
        if (testId.equals(lastPreparedTest)) {
            return; // the extension may be registered twice (class and field); prepare once
        }
        lastPreparedTest = testId;
        if (spec.resetBeforeEach() && bootUsed) {
            client.reset(profile.reset().timeout().plus(profile.readyTimeout()));
        }
        bootUsed = true;
    }

    /** The last {@code maxLines} stripped lines the board sent. */
    BoardTranscriptExcerpt excerpt(int maxLines) {
        Transcript transcript = client.session().transcript();
        List<String> all = transcript.strippedLines();
        List<String> tail = all.subList(Math.max(0, all.size() - maxLines), all.size());
        return new BoardTranscriptExcerpt(client.boardName(), profile.link(), client.session().epoch(), tail,
                transcript.mark(), transcript.strippedFile());
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (freshFlashDir != null) {
                deleteTree(freshFlashDir);
            }
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("llext-hil-junit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for a fresh flash file: "
                    + e.getMessage(), e);
        }
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(ClassBoard::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", path, e.getMessage());
        }
    }
}
