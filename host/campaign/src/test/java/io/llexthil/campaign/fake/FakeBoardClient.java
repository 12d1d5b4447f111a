package io.llexthil.campaign.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.board.BoardState;
import io.llexthil.board.CtxInfo;
import io.llexthil.board.FaultState;
import io.llexthil.board.HeapStats;
import io.llexthil.board.HilReply;
import io.llexthil.board.ReadOnlyViolationException;
import io.llexthil.board.UploadProgress;
import io.llexthil.board.UploadResult;
import io.llexthil.shell.BoardCrashedException;
import io.llexthil.shell.CommandResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A hand-written board over {@link MiniModel}, with knobs to make it misbehave: leak heap bytes on
 * a restore, crash on a command kind. Every command it "receives" is logged in {@link #sent} and in
 * the transcript.
 */
public final class FakeBoardClient implements BoardClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final MiniModel model = new MiniModel();
    public final FakeSession session = new FakeSession();
    public final List<String> sent = new ArrayList<>();
    public long leakOnRestore;
    public String crashOn;
    /** A command the link "damages" once: recorded in the session's retry log as the real client does. */
    public String retryOn;
    public int resets;
    private final AccessMode mode;
    private int id;
    private long seq;
    private long erases;

    public FakeBoardClient(AccessMode mode) {
        this.mode = mode;
    }

    public FakeBoardClient() {
        this(AccessMode.READ_WRITE);
    }

    private void receive(String cmd, boolean readOnly) {
        if (mode == AccessMode.READ_ONLY && !readOnly) {
            throw new ReadOnlyViolationException("fake", "hil " + cmd);
        }
        sent.add(cmd);
        session.transcript.add("uart:~$ hil " + cmd);
        String kind = cmd.split(" ")[0];
        if (kind.equals(crashOn)) {
            session.transcript.add(">>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU 0");
            throw new BoardCrashedException("fake", "hil " + cmd, "fatal error", ">>> ZEPHYR FATAL ERROR 4");
        }
    }

    private HilReply reply(String cmd, int rc, ObjectNode payload) {
        if (rc < 0) {
            payload.put("error", "failed");
        }
        String line = "@@HIL|" + (++id) + "|" + rc + "|" + payload + "|00000000";
        session.transcript.add(line);
        return new HilReply(cmd, id, rc, payload, line, new CommandResult(cmd, List.of(line), List.of(), Duration.ZERO,
                OptionalInt.empty(), session.epoch));
    }

    @Override
    public String boardName() { return "fake"; }

    @Override
    public AccessMode accessMode() { return mode; }

    @Override
    public BoardInfo info() {
        receive("info", true);
        return new BoardInfo("0.1.0", "00112233445566778", "4.2.0", "fake", "host",
                new BoardInfo.TargetSizes(208, 8, 8, 4), 8, heap(), new BoardInfo.FlashGeometry(0, 65536, 4096, 8),
                32768, 0, 3, "software", "upstream", true, new BoardInfo.UploadParams(256, 4, 1024),
                List.of("info"), "{\"fw\":\"0.1.0\"}");
    }

    private HeapStats heap() {
        long used = model.heapUsed();
        return new HeapStats(16384, used, 16384 - used, used, model.list.size());
    }

    @Override
    public BoardState state() {
        receive("state", true);
        List<BoardState.Ext> exts = new ArrayList<>();
        model.list.forEach((n, uc) -> exts.add(new BoardState.Ext(n, uc, MiniModel.DEPS.getOrDefault(n, List.of()), 1, 4, MiniModel.BYTES)));
        return new BoardState(exts, heap(), "{}");
    }

    @Override
    public CtxInfo ctxInfo() {
        receive("ctx info", true);
        boolean valid = model.saved != null;
        return new CtxInfo(valid ? "A" : null, List.of(
                new CtxInfo.Slot("A", valid, valid ? "ok" : "empty", seq, valid, valid ? model.saved.size() : 0,
                        valid ? model.saved : List.of(), 100, erases),
                new CtxInfo.Slot("B", false, "empty", 0, false, 0, List.of(), 0, 0)), "{}");
    }

    @Override
    public FaultState fault() {
        receive("fault", true);
        return new FaultState(model.allocFault, 0, 0);
    }

    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) {
        receive("upload begin " + name, false);
        ObjectNode p = JSON.createObjectNode().put("name", name).put("complete", true);
        return new UploadResult(reply("upload", 0, p), image.length, 0, 1, 0, 0.0, Double.NaN);
    }

    @Override
    public HilReply load(String name) {
        receive("load " + name, false);
        if (("load " + name).equals(retryOn)) {
            io.llexthil.board.RetryLog.of(session).add("hil load " + name + ": request 1: damaged result line; resolved");
        }
        int rc = model.load(name);
        return reply("load " + name, rc, JSON.createObjectNode().put("name", name).put("use_count", model.list.getOrDefault(name, 0)));
    }

    @Override
    public HilReply unload(String name) {
        receive("unload " + name, false);
        int rc = model.unload(name);
        return reply("unload " + name, rc, JSON.createObjectNode().put("name", name).put("use_count", model.list.getOrDefault(name, 0)));
    }

    @Override
    public HilReply call(String name, String symbol) {
        receive("call " + name + " " + symbol, false);
        boolean ok = model.list.containsKey(name);
        return reply("call", ok ? 0 : -2, JSON.createObjectNode().put("value", 42));
    }

    @Override
    public HilReply ctxSave(List<String> names) {
        receive("ctx save " + String.join(" ", names), false);
        int rc = model.save(names);
        ObjectNode p = JSON.createObjectNode();
        if (rc == 0) {
            seq++;
            erases++;
            p.putArray("exts").addAll(model.saved.stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        return reply("ctx save", rc, p);
    }

    @Override
    public HilReply ctxRestore(List<Integer> order) {
        receive("ctx restore", false);
        int rc = model.restore();
        if (rc == 0) {
            model.extraHeap += leakOnRestore;
        }
        ObjectNode p = JSON.createObjectNode();
        if (rc == 0) {
            p.putArray("exts").addAll(model.saved.stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        return reply("ctx restore", rc, p);
    }

    @Override
    public HilReply ctxErase() {
        receive("ctx erase", false);
        model.saved = null;
        return reply("ctx erase", 0, JSON.createObjectNode());
    }

    @Override
    public HilReply faultAlloc(int k) {
        receive("fault alloc " + k, false);
        model.allocFault = k;
        return reply("fault alloc", 0, JSON.createObjectNode());
    }

    @Override
    public HilReply faultFlash(int n) {
        receive("fault flash " + n, false);
        return reply("fault flash", 0, JSON.createObjectNode());
    }

    @Override
    public HilReply faultClear() {
        receive("fault clear", false);
        model.allocFault = 0;
        return reply("fault clear", 0, JSON.createObjectNode());
    }

    @Override
    public void reset(Duration timeout) {
        receive("reset cold", false);
        resets++;
        model.reset();
        session.epoch++;
        session.transcript.add("*** Booting Zephyr OS build fake ***");
    }

    @Override
    public HilReply command(String commandLine, Duration timeout) {
        receive(commandLine, false);
        return reply(commandLine, -134, JSON.createObjectNode());
    }

    @Override
    public FakeSession session() { return session; }

    @Override
    public void close() { }
}
