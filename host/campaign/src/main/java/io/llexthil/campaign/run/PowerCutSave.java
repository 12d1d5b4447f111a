package io.llexthil.campaign.run;

import io.llexthil.board.BoardClient;
import io.llexthil.board.CtxInfo;
import io.llexthil.board.HilBoardClient;
import io.llexthil.board.HilReply;
import io.llexthil.board.LlextState;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.StepRun;
import io.llexthil.shell.ShellException;

import java.util.List;

/** A save with a power cut armed at one of its flash operations ({@code fault: {flash: n}}, {@code reset: powercut}). */
final class PowerCutSave {
    private PowerCutSave() { }

    /**
     * Power is cut at the armed flash operation of a save. The board must come back with either the
     * context that was active before (the cut came before the commit) or the new one, never a torn one.
     */
    static void run(List<String> names, StepRun run, ResetDriver resets, RunOptions options) {
        BoardClient board = run.board();
        CtxInfo before = board.ctxInfo();
        List<String> loaded = board.state().exts().stream().map(LlextState.Ext::name).toList();
        List<String> saving = names.isEmpty() ? loaded : names;
        boolean completed;
        int epochBefore = board.session().epoch();
        try {
            HilReply r = board.ctxSave(names);
            completed = true;
            run.observed().put("save_rc", r.rc());
        } catch (ShellException cut) {
            // expected: the board lost power mid-save (disconnect, timeout or a new boot)
            completed = false;
        }
        run.observed().put("power_cut", !completed);
        if (completed) {
            // the cut point lies beyond this save's flash operations: reset as the cut would have
            resets.reset(board, ResetSpec.shell(), options.resetTimeout());
        } else {
            try {
                // a board that reboots by itself after a power cut (the simulated board does)
                HilBoardClient.awaitNextBoot(board.session(), epochBefore, options.stepTimeout());
            } catch (ShellException stillDown) {
                resets.recover(board, options.resetTimeout());
            }
        }
        CtxInfo after = board.ctxInfo();
        PowerCutJudge.Verdict v = PowerCutJudge.judge(before, after, saving);
        run.observed().put("ctx.outcome", v.outcome());
        if (!v.legal()) {
            run.scenarioDifference("ctx.outcome", "previous or new context", v.outcome() + ": " + v.detail());
        }
        run.twin().powerCutDuringSave(saving, v.committed());
    }
}
