package io.llexthil.campaign.fake;

import io.llexthil.shell.BootEpoch;
import io.llexthil.shell.CommandResult;
import io.llexthil.shell.ShellSession;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The shell session under {@link FakeBoardClient}: only epochs and the transcript are real. */
public final class FakeSession implements ShellSession {
    final MemoryTranscript transcript = new MemoryTranscript();
    int epoch;
    int readyCalls;

    @Override
    public String boardName() { return "fake"; }

    @Override
    public int epoch() { return epoch; }

    @Override
    public BootEpoch awaitReady(Duration timeout) {
        readyCalls++;
        return new BootEpoch(epoch, "*** Booting Zephyr OS build fake ***", Instant.now());
    }

    @Override
    public CommandResult exec(String command, Duration timeout) {
        throw new UnsupportedOperationException("the fake board answers through BoardClient");
    }

    @Override
    public CommandResult exec(String command, Predicate<String> lastLine, Duration timeout) {
        return exec(command, timeout);
    }

    @Override
    public void writeRaw(byte[] bytes, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String awaitLine(Predicate<String> match, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clearPending() { }

    @Override
    public MemoryTranscript transcript() { return transcript; }

    @Override
    public void close() { }
}
