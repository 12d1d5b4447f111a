package io.llexthil.shell.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        try (BoardLock again = BoardLock.acquire("0010500", dir)) {
            assertThat(again.file()).isEqualTo(dir.resolve("0010500.lock"));
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
}
