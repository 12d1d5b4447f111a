package io.llexthil.twin;

import io.llexthil.twin.model.HeapBlock;
import io.llexthil.twin.model.HeapEvent;
import io.llexthil.twin.model.LlextStruct;
import io.llexthil.twin.model.Loader;
import io.llexthil.twin.model.Machine;
import io.llexthil.twin.model.UbEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link FindingDetector} looks at in one outcome. Taken from a full {@link Outcome}
 * ({@link #of(Outcome)}) or, on the explorer's fast path, straight from the board after the
 * call ({@link #of(TwinBoard, int)}); a test checks that both give the same observation.
 *
 * @param allocCalls allocator calls the restore call made
 * @param list for a successful call only (else empty): "name use_count dep_at dep_refs alloc"
 *             per list entry, in order
 */
record Observation(String stage, int rc, String cause, boolean firmwareSkips, boolean zeroExtRead,
                   boolean slotRead, boolean anyUb, boolean injected, boolean extNulled, boolean extChanged,
                   boolean ldrDangling, boolean ldrChanged, boolean badFree, boolean readFreed, int leaks,
                   int listSize, List<String> list, List<List<Integer>> depAt, int allocCalls) {

    static Observation of(Outcome o) {
        boolean restore = o.stage().equals("restore");
        boolean zero = false;
        boolean slot = false;
        for (UbEvent u : o.ub()) {
            zero |= u.detail().startsWith("ext[");
            slot |= u.detail().startsWith("dependency[8]");
        }
        boolean nulled = false;
        boolean changed = false;
        if (restore) {
            for (Outcome.Slot s : o.ext()) {
                nulled |= s.points().equals("null");
                changed |= !(s.points().equals("copy") && s.copy() == s.wasCopy());
            }
        }
        boolean dangling = false;
        boolean ldrChanged = false;
        if (restore) {
            for (Outcome.LoaderSlot l : o.ldr()) {
                dangling |= Boolean.FALSE.equals(l.live());
                ldrChanged |= !l.sectMap().equals("saved");
            }
        }
        List<String> list = new ArrayList<>();
        List<List<Integer>> depAt = new ArrayList<>();
        if (o.rc() == 0) {
            for (ExtState e : o.list()) {
                list.add(signature(e));
                depAt.add(e.depAt());
            }
        }
        return new Observation(o.stage(), o.rc(), o.cause(), o.firmwareSkipsCall(), zero, slot, !o.ub().isEmpty(),
                injected(o.heap().events()), nulled, changed, dangling, ldrChanged,
                o.heap().doubleFrees() + o.heap().invalidFrees() > 0, o.heap().invalidReads() > 0,
                o.heap().leaks().size(), o.list().size(), list, depAt, allocCalls(o.heap().events()));
    }

    /** From a board right after TwinBoard.restoreRaw returned {@code rc}. */
    static Observation of(TwinBoard board, int rc) {
        TwinBoard.RestoreCall call = board.lastRestore();
        Machine m = board.machine();
        boolean zero = false;
        boolean slot = false;
        for (int i = call.ubBefore(); i < m.ub.size(); i++) {
            zero |= m.ub.get(i).detail().startsWith("ext[");
            slot |= m.ub.get(i).detail().startsWith("dependency[8]");
        }
        boolean nulled = false;
        boolean changed = false;
        for (int i = 0; i < call.extAfter().length; i++) {
            nulled |= call.extAfter()[i] == 0;
            changed |= call.extAfter()[i] != call.extBefore()[i];
        }
        boolean dangling = false;
        boolean ldrChanged = false;
        for (Loader l : call.ldr()) {
            HeapBlock b = m.heap.block(l.sectMap);
            dangling |= b != null && !b.live();
            ldrChanged |= l.sectMap == 0 || b != null;
        }
        List<HeapEvent> events = m.heap.events().subList(call.eventsBefore(), m.heap.events().size());
        boolean badFree = false;
        boolean readFreed = false;
        for (HeapEvent e : events) {
            badFree |= e.crashesBoard();
            readFreed |= e.kind().equals("read-freed");
        }
        int listSize = 0;
        for (LlextStruct n = m.list.head; n != null; n = n.nextNode) {
            listSize++;
        }
        List<String> list = new ArrayList<>();
        List<List<Integer>> depAt = new ArrayList<>();
        if (rc == 0) {
            for (ExtState e : board.list()) {
                list.add(signature(e));
                depAt.add(e.depAt());
            }
        }
        return new Observation("restore", rc, m.failureCause, call.extAfter().length == 0, zero, slot,
                m.ub.size() > call.ubBefore(), injected(events), nulled, changed, dangling, ldrChanged, badFree,
                readFreed, board.leaks().size(), listSize, list, depAt, allocCalls(events));
    }

    private static int allocCalls(List<HeapEvent> events) {
        int c = 0;
        for (HeapEvent e : events) {
            if (e.kind().startsWith("alloc")) {
                c++;
            }
        }
        return c;
    }

    private static boolean injected(List<HeapEvent> events) {
        for (HeapEvent e : events) {
            if (e.kind().equals("alloc-null") && "injected fault".equals(e.detail())) {
                return true;
            }
        }
        return false;
    }

    private static String signature(ExtState e) {
        return e.name() + " " + e.useCount() + " " + e.depAt() + " " + e.depRefs() + " " + e.alloc();
    }
}
