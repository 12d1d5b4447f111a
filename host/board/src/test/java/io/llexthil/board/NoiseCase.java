package io.llexthil.board;

import io.llexthil.shell.ShellException;
import java.time.Duration;
import java.util.List;

/**
 * One test case of the noisy-link runs: a fresh boot, an upload, load, calls, armed and cleared
 * faults, save, reset, restore, unload. Every answer the host accepts is checked against what
 * the simulated board must answer, so a damaged answer taken for a real one shows as
 * {@link Outcome#WRONG}; a case the link could not carry ends as {@link Outcome#LINK_ERROR}
 * with its typed exception.
 */
final class NoiseCase {
    enum Outcome { PASS, LINK_ERROR, WRONG }

    record Result(Outcome outcome, String detail, int retries) { }

    private static final Duration RESET = Duration.ofSeconds(15);

    private NoiseCase() { }

    static Result run(HilBoardClient board, byte[] counter) {
        RetryLog log = RetryLog.of(board.session());
        int mark = log.mark();
        try {
            board.reset(RESET);
            expect(board.state().exts().isEmpty(), "no extension loaded after a reset");
            expect(board.ctxErase().rc() == 0, "ctx erase rc 0");
            UploadResult up = board.upload("counter", counter, UploadProgress.NONE);
            expect(up.reply().rc() == 0 && up.reply().payload().path("complete").asBoolean(), "upload complete: " + up.reply().line());
            HilReply load = board.load("counter");
            expect(load.rc() == 0 && load.payload().path("use_count").asInt() == 1, "load rc 0, use_count 1: " + load.line());
            int first = value(board.call("counter", "counter_next"));
            int second = value(board.call("counter", "counter_next"));
            expect(second == first + 1, "calls count up: " + first + ", " + second);
            expect(board.faultAlloc(1000).payload().path("alloc").asInt() == 1000, "fault alloc 1000 armed");
            expect(board.fault().alloc() == 1000, "fault shows alloc 1000");
            expect(board.faultClear().rc() == 0 && board.fault().alloc() == 0, "fault clear");
            HilReply save = board.ctxSave(List.of());
            expect(save.rc() == 0 && save.payload().path("exts").toString().equals("[\"counter\"]"), "ctx save: " + save.line());
            CtxInfo ctx = board.ctxInfo();
            expect(ctx.active() != null, "a slot is active after the save");
            board.reset(RESET);
            expect(board.state().exts().isEmpty(), "no extension loaded after the second reset");
            HilReply restore = board.ctxRestore(List.of());
            expect(restore.rc() == 0 && restore.payload().path("exts").toString().equals("[\"counter\"]"),
                    "ctx restore: " + restore.line());
            expect(value(board.call("counter", "counter_next")) == second + 1, "the counter continues after the restore");
            HilReply unload = board.unload("counter");
            expect(unload.rc() == 0 && unload.payload().path("use_count").asInt() == 0, "unload: " + unload.line());
            expect(board.info().testCommands(), "info says test commands are built in");
            return new Result(Outcome.PASS, "", log.since(mark).size());
        } catch (WrongAnswer e) {
            return new Result(Outcome.WRONG, e.getMessage(), log.since(mark).size());
        } catch (ShellException e) {
            return new Result(Outcome.LINK_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), log.since(mark).size());
        }
    }

    private static int value(HilReply call) {
        expect(call.rc() == 0 && call.payload().has("value"), "call rc 0 with a value: " + call.line());
        return call.payload().path("value").asInt();
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new WrongAnswer(what);
        }
    }

    private static final class WrongAnswer extends RuntimeException {
        WrongAnswer(String message) { super(message); }
    }
}
