package io.llexthil.board;

import io.llexthil.shell.ShellSession;

import java.time.Duration;

/**
 * A {@link BoardClient} that hands the seam to another one. A decorator (a lock held until close,
 * a connection that can be replaced) extends this and overrides only what it changes; the typed
 * commands reach {@link #command} through {@link BoardClient}'s default methods, so none is
 * forwarded by hand.
 */
public abstract class ForwardingBoardClient implements BoardClient {

    /** The client the seam is handed to (it may change between calls). */
    protected abstract BoardClient delegate();

    @Override
    public String boardName() { return delegate().boardName(); }

    @Override
    public AccessMode accessMode() { return delegate().accessMode(); }

    @Override
    public HilReply command(String commandLine, Duration timeout) { return delegate().command(commandLine, timeout); }

    @Override
    public Duration commandTimeout() { return delegate().commandTimeout(); }

    @Override
    public int nominalBaud() { return delegate().nominalBaud(); }

    @Override
    public void reset(Duration timeout) { delegate().reset(timeout); }

    @Override
    public BoardLifecycle lifecycle() { return delegate().lifecycle(); }

    @Override
    public ShellSession session() { return delegate().session(); }

    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) {
        return delegate().upload(name, image, progress);
    }

    @Override
    public void close() { delegate().close(); }
}
