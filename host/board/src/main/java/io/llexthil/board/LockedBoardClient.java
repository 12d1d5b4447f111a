package io.llexthil.board;

import io.llexthil.shell.ShellSession;
import io.llexthil.shell.inventory.BoardLock;
import java.time.Duration;
import java.util.List;

/** A client that holds the board's lock until closed, so two users never drive one board. */
final class LockedBoardClient implements BoardClient {
    private final BoardClient delegate;
    private final BoardLock lock;

    LockedBoardClient(BoardClient delegate, BoardLock lock) {
        this.delegate = delegate;
        this.lock = lock;
    }

    @Override public String boardName() { return delegate.boardName(); }
    @Override public AccessMode accessMode() { return delegate.accessMode(); }
    @Override public BoardInfo info() { return delegate.info(); }
    @Override public BoardState state() { return delegate.state(); }
    @Override public CtxInfo ctxInfo() { return delegate.ctxInfo(); }
    @Override public FaultState fault() { return delegate.fault(); }
    @Override public UploadResult upload(String name, byte[] image, UploadProgress p) { return delegate.upload(name, image, p); }
    @Override public HilReply load(String name) { return delegate.load(name); }
    @Override public HilReply unload(String name) { return delegate.unload(name); }
    @Override public HilReply call(String name, String symbol) { return delegate.call(name, symbol); }
    @Override public HilReply ctxSave(List<String> names) { return delegate.ctxSave(names); }
    @Override public HilReply ctxRestore(List<Integer> order) { return delegate.ctxRestore(order); }
    @Override public HilReply ctxErase() { return delegate.ctxErase(); }
    @Override public HilReply faultAlloc(int k) { return delegate.faultAlloc(k); }
    @Override public HilReply faultFlash(int n) { return delegate.faultFlash(n); }
    @Override public HilReply faultClear() { return delegate.faultClear(); }
    @Override public void reset(Duration timeout) { delegate.reset(timeout); }

    @Override public BoardLifecycle lifecycle() { return delegate.lifecycle(); }
    @Override public HilReply command(String line, Duration timeout) { return delegate.command(line, timeout); }
    @Override public ShellSession session() { return delegate.session(); }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            lock.close();
        }
    }
}
