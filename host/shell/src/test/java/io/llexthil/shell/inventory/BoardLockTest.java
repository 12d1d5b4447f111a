package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardLockTest {
    @TempDir Path dir;

    @Test
    void aSecondAttemptIsBusyAndNamesTheHolderUntilReleased() {
        BoardLock first = BoardLock.acquire("0010500", dir);

        assertThatThrownBy(() -> BoardLock.acquire("0010500", dir))
                .isInstanceOf(BoardBusyException.class)
                .hasMessageContaining("board 0010500 is busy: locked by pid " + ProcessHandle.current().pid())
                .hasMessageContaining(dir.resolve("0010500.lock").toString());

        first.close();
        assertThat(dir.resolve("0010500.lock")).as("removed on release").doesNotExist();
        try (BoardLock again = BoardLock.acquire("0010500", dir)) {
            assertThat(again.file()).isEqualTo(dir.resolve("0010500.lock"));
        }
    }

    @Test
    void aUserThatOpenedTheFileBeforeItWasRemovedLocksAFreshOne() throws Exception {
        Path file = dir.resolve("race.lock");
        BoardLock first = BoardLock.acquire("race", dir);
        // a second process opened the old file and waits for its lock (as a user racing the release)
        try (java.nio.channels.FileChannel late = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            first.close();
            assertThat(file).doesNotExist();
            try (java.nio.channels.FileLock onTheOldFile = late.tryLock()) {
                assertThat(onTheOldFile).as("the removed file can still be locked").isNotNull();
                // ... but that is no claim on the board: the path names no file, acquire makes a fresh one
                try (BoardLock mine = BoardLock.acquire("race", dir)) {
                    assertThat(Files.readString(mine.file())).startsWith("pid " + ProcessHandle.current().pid());
                }
            }
        }
    }

    /** Users share one lock per board: the directory is made as /tmp is, each lock file open to all. */
    @Test
    void aNewLockDirectoryAndItsFilesAreSharedWithEveryUser() throws Exception {
        Path shared = dir.resolve("new-lock-dir");
        try (BoardLock lock = BoardLock.acquire("bench-1", shared)) {
            assertThat((int) Files.getAttribute(shared, "unix:mode") & 07777).isEqualTo(01777);
            assertThat((int) Files.getAttribute(lock.file(), "unix:mode") & 07777).isEqualTo(0666);
        }
        // an existing directory keeps the mode its owner gave it
        Path own = Files.createDirectory(dir.resolve("own"));
        Files.setAttribute(own, "unix:mode", 0700);
        try (BoardLock lock = BoardLock.acquire("bench-1", own)) {
            assertThat((int) Files.getAttribute(own, "unix:mode") & 07777).isEqualTo(0700);
        }
    }

    @Test
    void aLockDirectoryThatIsASymbolicLinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("llext-hil-locks"), elsewhere);
        assertThatThrownBy(() -> BoardLock.acquire("bench-1", link))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("board bench-1: cannot lock")
                .hasMessageContaining("the lock directory is a symbolic link (to " + elsewhere + "); remove the link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files.toList()).as("nothing written where the link points").isEmpty();
        }
        // and a later acquire of the same board in this JVM is not refused as "held by this process"
        Files.delete(link);
        try (BoardLock lock = BoardLock.acquire("bench-1", link)) {
            assertThat(lock.file()).isEqualTo(link.resolve("bench-1.lock"));
        }
    }

    @Test
    void differentBoardsDoNotBlockEachOther() {
        try (BoardLock a = BoardLock.acquire("a", dir); BoardLock b = BoardLock.acquire("b/../c", dir)) {
            assertThat(a.file().getFileName().toString()).isEqualTo("a.lock");
            assertThat(b.file().getFileName().toString()).isEqualTo("b_.._c.lock");
        }
    }

    @Test
    void theLockHoldsAcrossProcesses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), "shared-board", dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("LOCKED ");

            assertThatThrownBy(() -> BoardLock.acquire("shared-board", dir))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessageContaining("locked by pid " + other.pid());

            other.getOutputStream().close(); // the holder exits and the OS drops its lock
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            try (BoardLock mine = BoardLock.acquire("shared-board", dir)) {
                assertThat(mine.id()).isEqualTo("shared-board");
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aSecondAttemptFromThisJvmIsBusyAndTheFirstHolderKeepsTheBoard() throws Exception {
        try (BoardLock first = BoardLock.acquire("same-jvm", dir)) {
            assertThatThrownBy(() -> BoardLock.acquire("same-jvm", dir))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessageContaining("locked by pid " + ProcessHandle.current().pid() + " (this process");

            // the refused attempt must not have dropped the OS lock: another process is still refused
            Process other = holder("same-jvm");
            try {
                assertThat(firstLine(other)).startsWith("BUSY board same-jvm is busy: locked by pid "
                        + ProcessHandle.current().pid());
                assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(other.exitValue()).isEqualTo(3);
            } finally {
                other.destroyForcibly();
            }
        }
        try (BoardLock again = BoardLock.acquire("same-jvm", dir)) {
            assertThat(again.id()).isEqualTo("same-jvm");
        }
    }

    @Test
    void closingTwiceDoesNotFreeALaterHolder() {
        BoardLock first = BoardLock.acquire("twice", dir);
        first.close();
        try (BoardLock second = BoardLock.acquire("twice", dir)) {
            first.close();
            assertThatThrownBy(() -> BoardLock.acquire("twice", dir)).isInstanceOf(BoardBusyException.class);
        }
    }

    @Test
    void aHolderKilledWithSigkillDoesNotBlockTheNextUser() throws Exception {
        Process other = holder("killed-board");
        try {
            assertThat(firstLine(other)).startsWith("LOCKED ");
            other.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.destroyForcibly();
        }
        try (BoardLock mine = BoardLock.acquire("killed-board", dir)) {
            assertThat(Files.readString(mine.file())).startsWith("pid " + ProcessHandle.current().pid() + " on ");
        }
    }

    @Test
    void aLockStillHeldInTheNameOfAPidThatIsGoneIsReplaced() throws Exception {
        Process gone = new ProcessBuilder(java(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Process other = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), "stale-board", dir.toString(), String.valueOf(gone.pid()))
                .redirectErrorStream(true).start();
        try {
            assertThat(firstLine(other)).startsWith("LOCKED ");
            Object staleFile = Files.readAttributes(dir.resolve("stale-board.lock"),
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey();

            try (BoardLock mine = BoardLock.acquire("stale-board", dir)) {
                assertThat(Files.readString(mine.file())).startsWith("pid " + ProcessHandle.current().pid() + " on ");
                assertThat(Files.readAttributes(mine.file(), java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey()).isNotEqualTo(staleFile);
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void onlyAPidOfThisHostThatIsGoneMakesAHolderStale() {
        long me = ProcessHandle.current().pid();
        assertThat(BoardLock.isStale("pid " + me + " on " + BoardLock.hostName() + " since x")).isFalse();
        assertThat(BoardLock.isStale("pid 1 on " + BoardLock.hostName() + " since x")).isFalse();
        assertThat(BoardLock.isStale("pid 999999999 on another-host-name since x")).isFalse();
        assertThat(BoardLock.isStale("another user (no details written yet)")).isFalse();
        assertThat(BoardLock.isStale("pid 999999999 on " + BoardLock.hostName() + " since x")).isTrue();
    }

    private Process holder(String id) throws Exception {
        return new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), id, dir.toString()).redirectErrorStream(true).start();
    }

    private static String firstLine(Process process) throws Exception {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
