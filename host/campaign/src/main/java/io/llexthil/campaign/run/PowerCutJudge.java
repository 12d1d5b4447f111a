package io.llexthil.campaign.run;

import io.llexthil.board.CtxInfo;

import java.util.List;

/**
 * Judges {@code ctx info} after a power cut during a save: the active context must be the one that
 * was active before (same slot and sequence) or the new one (the saved names, a higher sequence);
 * anything else is torn. A slot that is merely invalid (the half-written one) is fine: that is how
 * an interrupted save is supposed to look.
 */
public final class PowerCutJudge {

    /** The outcome: {@code previous}, {@code new}, or (illegal) {@code lost} / {@code torn}. */
    public record Verdict(boolean legal, boolean committed, String outcome, String detail) { }

    private PowerCutJudge() { }

    public static Verdict judge(CtxInfo before, CtxInfo after, List<String> saving) {
        CtxInfo.Slot old = active(before);
        CtxInfo.Slot now = active(after);
        if (now == null) {
            if (old == null) {
                return new Verdict(true, false, "previous", "no context before, none after");
            }
            return new Verdict(false, false, "lost", "the previous context (slot " + old.slot()
                    + ", seq " + old.seq() + ") is no longer valid and no new one was committed");
        }
        if (old != null && now.slot().equals(old.slot()) && now.seq() == old.seq() && now.exts().equals(old.exts())) {
            return new Verdict(true, false, "previous", "slot " + now.slot() + " seq " + now.seq());
        }
        boolean newer = old == null || now.seq() > old.seq();
        if (newer && now.exts().equals(saving) && now.n() == saving.size()) {
            return new Verdict(true, true, "new", "slot " + now.slot() + " seq " + now.seq());
        }
        return new Verdict(false, false, "torn", "active slot " + now.slot() + " seq " + now.seq()
                + " exts " + now.exts() + " is neither the previous context"
                + (old == null ? " (none)" : " (slot " + old.slot() + " seq " + old.seq() + " exts " + old.exts() + ")")
                + " nor the new one (exts " + saving + ")");
    }

    private static CtxInfo.Slot active(CtxInfo c) {
        if (c.active() == null || "null".equals(c.active())) {
            return null;
        }
        return c.slots().stream().filter(s -> s.slot().equals(c.active()) && s.valid()).findFirst().orElse(null);
    }
}
