package io.llexthil.twin;

import io.llexthil.twin.model.HeapBlock;
import io.llexthil.twin.model.HeapEvent;
import io.llexthil.twin.model.HeapModel;
import io.llexthil.twin.model.LlextStruct;
import io.llexthil.twin.model.Loader;
import io.llexthil.twin.model.LogLine;
import io.llexthil.twin.model.Machine;
import io.llexthil.twin.model.UbEvent;

import java.util.ArrayList;
import java.util.List;

/** The twin's entry point: one scenario, one profile, one predicted outcome. Pure. */
public final class Twin {
    private Twin() {
    }

    public static Outcome predict(Scenario s, Profile profile) {
        TwinBoard board = new TwinBoard(profile, s.targetOrDefault(), s.heapOrDefault(), HeapModel.REQUESTED);
        List<LogLine> log = new ArrayList<>();
        List<UbEvent> ub = new ArrayList<>();
        if (s.copies() != null) {
            board.installSaved(new SavedContext(s.copies()));
        } else {
            for (String name : s.beforeOrAll()) {
                StepResult r = board.load(s.extension(name));
                if (r.rc() < 0) {
                    return early(board, profile, "load", r);
                }
            }
            StepResult save = board.save(s.saved());
            log.addAll(save.log());
            ub.addAll(save.ub());
            if (save.rc() != 0) {
                Outcome o = early(board, profile, "relink", save);
                return new Outcome(o.profile(), o.stage(), o.rc(), o.rcName(), null, false, log, o.list(), null, null,
                        o.heap(), ub, Outcome.Crash.NONE, classify(save.rc(), ub, List.of()));
            }
        }
        board.reset();
        return restoreStage(board, s, profile, log, ub);
    }

    /** From a board just reset with its saved context in place: preload, arm faults, call restore. */
    static Outcome restoreStage(TwinBoard board, Scenario s, Profile profile, List<LogLine> log, List<UbEvent> ub) {
        for (String name : s.preloadedOrNone()) {
            StepResult r = board.load(s.extension(name));
            if (r.rc() < 0) {
                return early(board, profile, "preload", r);
            }
        }
        FaultSpec f = s.faultsOrNone();
        board.faultAlloc(f.allocFailsAt());
        board.faultExhaust(f.exhaustBelow());
        StepResult r = board.restoreRaw(s.order());
        log.addAll(r.log());
        ub.addAll(r.ub());
        return outcome(board, profile, r, log, ub);
    }

    private static Outcome early(TwinBoard board, Profile profile, String stage, StepResult r) {
        return new Outcome(profile.id(), stage, r.rc(), Errno.name(r.rc()), null, false, r.log(), board.list(), null, null,
                heapReport(board, r.heapEvents()), r.ub(), Outcome.Crash.NONE, "error");
    }

    private static Outcome outcome(TwinBoard board, Profile profile, StepResult r, List<LogLine> log,
                                   List<UbEvent> ub) {
        TwinBoard.RestoreCall call = board.lastRestore();
        Machine m = board.machine();
        List<Outcome.Slot> ext = new ArrayList<>();
        for (int i = 0; i < call.extAfter().length; i++) {
            ext.add(slot(m, i, call.extAfter()[i], m.copyIndex(call.extBefore()[i])));
        }
        List<Outcome.LoaderSlot> ldr = new ArrayList<>();
        for (int i = 0; i < call.ldr().length; i++) {
            Loader l = call.ldr()[i];
            HeapBlock b = m.heap.block(l.sectMap);
            if (l.sectMap == 0) {
                ldr.add(new Outcome.LoaderSlot(i, l.copyIndex, "null", null, null));
            } else if (b != null) {
                ldr.add(new Outcome.LoaderSlot(i, l.copyIndex, "heap", b.id, b.live()));
            } else {
                ldr.add(new Outcome.LoaderSlot(i, l.copyIndex, "saved", null, null));
            }
        }
        Outcome.HeapReport heap = heapReport(board, r.heapEvents());
        Outcome.Crash crash = r.crashes()
                ? new Outcome.Crash(true, r.crashEvent(), describeCrash(r.heapEvents().get(r.crashEvent())))
                : Outcome.Crash.NONE;
        String cls = classify(r.rc(), ub, r.heapEvents());
        return new Outcome(profile.id(), "restore", r.rc(), Errno.name(r.rc()), m.failureCause,
                call.extAfter().length == 0, log,
                board.list(), ext, ldr, heap, ub, crash, cls);
    }

    private static String describeCrash(HeapEvent e) {
        return e.kind() + " of " + e.owner() + " at " + e.site();
    }

    private static Outcome.Slot slot(Machine m, int i, long address, int was) {
        if (address == 0) {
            return new Outcome.Slot(i, was, "null", null, null, null, null);
        }
        HeapBlock b = m.heap.block(address);
        LlextStruct st = m.structAt(address);
        String name = st == null ? null : st.name;
        if (b != null) {
            return new Outcome.Slot(i, was, "heap", null, b.id, b.live(), name);
        }
        return new Outcome.Slot(i, was, "copy", m.copyIndex(address), null, null, name);
    }

    private static Outcome.HeapReport heapReport(TwinBoard board, List<HeapEvent> events) {
        int dbl = 0;
        int inv = 0;
        int reads = 0;
        for (HeapEvent e : events) {
            switch (e.kind()) {
                case "double-free" -> dbl++;
                case "invalid-free" -> inv++;
                case "read-freed" -> reads++;
                default -> {
                }
            }
        }
        BoardState.HeapStats h = board.heap();
        List<Outcome.Block> live = new ArrayList<>();
        for (HeapBlock b : board.machine().heap.liveBlocks()) {
            live.add(new Outcome.Block(b.id, b.size, b.owner, b.site));
        }
        return new Outcome.HeapReport(h.size(), h.used(), h.allocs(), h.allocCalls(), events, live, board.leaks(), dbl,
                inv, reads);
    }

    /** heap-corruption (double/invalid free) > undefined-behaviour (UB, read of freed memory) > error > ok. */
    static String classify(int rc, List<UbEvent> ub, List<HeapEvent> events) {
        boolean corrupt = false;
        boolean readFreed = false;
        for (HeapEvent e : events) {
            corrupt |= e.crashesBoard();
            readFreed |= e.kind().equals("read-freed");
        }
        if (corrupt) {
            return "heap-corruption";
        }
        if (readFreed || !ub.isEmpty()) {
            return "undefined-behaviour";
        }
        return rc == 0 ? "ok" : "error";
    }
}
