package io.llexthil.board;

import io.llexthil.shell.inventory.BoardLock;

/** A client that holds the board's lock until closed, so two users never drive one board. */
final class LockedBoardClient extends ForwardingBoardClient {
    private final BoardClient delegate;
    private final BoardLock lock;

    LockedBoardClient(BoardClient delegate, BoardLock lock) {
        this.delegate = delegate;
        this.lock = lock;
    }

    @Override
    protected BoardClient delegate() { return delegate; }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            lock.close();
        }
    }
}
