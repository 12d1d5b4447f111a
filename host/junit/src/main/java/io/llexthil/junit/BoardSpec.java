package io.llexthil.junit;

import io.llexthil.board.AccessMode;

import java.util.List;

/**
 * The attributes of one {@link HilBoard} as a value: fields and parameters whose annotations are
 * equal share one board per test class.
 */
record BoardSpec(String name, String link, String hardwareMap, AccessMode mode, boolean freshFlash,
                 boolean resetBeforeEach, List<String> pool, int poolWaitSeconds) {

    BoardSpec(String name, String link, String hardwareMap, AccessMode mode, boolean freshFlash, boolean resetBeforeEach) {
        this(name, link, hardwareMap, mode, freshFlash, resetBeforeEach, List.of(), 0);
    }

    static BoardSpec of(HilBoard a) {
        return new BoardSpec(a.name().strip(), a.link().strip(), a.hardwareMap().strip(), a.mode(),
                a.freshFlash(), a.resetBeforeEach(), List.of(a.pool()), a.poolWaitSeconds());
    }

    /** This spec for one board of its pool. */
    BoardSpec member(String boardName) {
        return new BoardSpec(boardName, link, hardwareMap, mode, freshFlash, resetBeforeEach);
    }

    /** For messages: only what differs from the defaults. */
    String describe() {
        StringBuilder b = new StringBuilder("@HilBoard(");
        String sep = "";
        if (!name.isEmpty()) { b.append("name=\"").append(name).append('"'); sep = ", "; }
        if (!link.isEmpty()) { b.append(sep).append("link=\"").append(link).append('"'); sep = ", "; }
        if (!hardwareMap.isEmpty()) { b.append(sep).append("hardwareMap=\"").append(hardwareMap).append('"'); sep = ", "; }
        if (mode != AccessMode.READ_WRITE) { b.append(sep).append("mode=").append(mode); sep = ", "; }
        if (!freshFlash) { b.append(sep).append("freshFlash=false"); sep = ", "; }
        if (resetBeforeEach) { b.append(sep).append("resetBeforeEach=true"); sep = ", "; }
        if (!pool.isEmpty()) { b.append(sep).append("pool=").append(pool); }
        return b.append(')').toString();
    }
}
