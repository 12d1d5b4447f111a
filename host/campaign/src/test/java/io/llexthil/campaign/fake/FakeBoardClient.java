package io.llexthil.campaign.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardLifecycle;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.link.ControlLine;
import io.llexthil.board.HilReply;
import io.llexthil.board.ReadOnlyCommands;
import io.llexthil.board.RetryLog;
import io.llexthil.board.UploadProgress;
import io.llexthil.board.UploadResult;
import io.llexthil.shell.BoardCrashedException;
import io.llexthil.shell.CommandResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A hand-written board over {@link MiniModel}, behind the same seam as a real one: it answers HIL
 * command lines ({@link #command}) with result payloads, and {@link BoardClient}'s typed methods
 * read them. Knobs make it misbehave: leak heap bytes on a restore, crash on a command kind. Every
 * command it "receives" is logged in {@link #sent} and in the transcript.
 */
public final class FakeBoardClient implements BoardClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENOENT = -2;
    private static final int ENOTSUP = -134;

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

    private void receive(String cmd) {
        ReadOnlyCommands.check(mode, boardName(), cmd);
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
    public Duration commandTimeout() { return Duration.ofSeconds(1); }

    @Override
    public int nominalBaud() { return 0; }

    @Override
    public HilReply command(String commandLine, Duration timeout) {
        receive(commandLine);
        if (commandLine.equals(retryOn)) {
            RetryLog.of(session).add("hil " + commandLine + ": request 1: damaged result line; resolved");
        }
        List<String> w = Arrays.asList(commandLine.split(" "));
        String arg1 = w.size() > 1 ? w.get(1) : "";
        // "ctx" and "fault" take a sub-command ("ctx save", "fault alloc"); a bare "fault" is a query
        boolean twoWords = (w.get(0).equals("ctx") || w.get(0).equals("fault")) && w.size() > 1;
        return switch (twoWords ? w.get(0) + " " + arg1 : w.get(0)) {
            case "info" -> reply(commandLine, 0, infoPayload());
            case "state" -> reply(commandLine, 0, statePayload());
            case "ctx info" -> reply(commandLine, 0, ctxInfoPayload(model.saved != null));
            case "fault" -> reply(commandLine, 0, JSON.createObjectNode().put("alloc", model.allocFault).put("flash", 0));
            case "load" -> useCount(commandLine, model.load(arg1), arg1);
            case "unload" -> useCount(commandLine, model.unload(arg1), arg1);
            case "call" -> reply(commandLine, model.list.containsKey(arg1) ? 0 : ENOENT, JSON.createObjectNode().put("value", 42));
            case "ctx save" -> save(commandLine, w.subList(2, w.size()));
            case "ctx restore" -> restore(commandLine);
            case "ctx erase" -> {
                model.saved = null;
                yield reply(commandLine, 0, JSON.createObjectNode());
            }
            case "fault alloc" -> {
                model.allocFault = Integer.parseInt(w.get(2));
                yield reply(commandLine, 0, JSON.createObjectNode());
            }
            case "fault flash" -> reply(commandLine, 0, JSON.createObjectNode());
            case "fault clear" -> {
                model.allocFault = 0;
                yield reply(commandLine, 0, JSON.createObjectNode());
            }
            default -> reply(commandLine, ENOTSUP, JSON.createObjectNode());
        };
    }

    private ObjectNode infoPayload() {
        ObjectNode p = JSON.createObjectNode().put("fw", "0.1.0").put("build", "00112233445566778").put("zephyr", "4.2.0")
                .put("board", "fake").put("arch", "host").put("max_deps", 8).put("boot", 3)
                .put("reset_cause", "software").put("profile", "upstream").put("test", true);
        p.putObject("sizes").put("llext", 208).put("sect_map", 8).put("symbol", 8).put("ptr", 4);
        p.set("heap", heap());
        p.putObject("flash").put("offset", 0).put("size", 65536).put("erase", 4096).put("write", 8);
        p.putObject("image_store").put("size", 32768).put("used", 0);
        p.putObject("upload").put("chunk", 256).put("window", 4).put("rx_buf", 1024);
        p.putArray("cmds").add("info");
        return p;
    }

    private ObjectNode heap() {
        long used = model.heapUsed();
        return JSON.createObjectNode().put("size", 16384).put("used", used).put("free", 16384 - used)
                .put("max_used", used).put("allocs", model.list.size());
    }

    private ObjectNode statePayload() {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode exts = p.putArray("exts");
        model.list.forEach((n, uc) -> {
            ObjectNode e = exts.addObject().put("name", n).put("use_count", uc).put("exp", 1).put("sect", 4)
                    .put("alloc", MiniModel.BYTES);
            MiniModel.DEPS.getOrDefault(n, List.of()).forEach(e.putArray("deps")::add);
        });
        p.set("heap", heap());
        return p;
    }

    private ObjectNode ctxInfoPayload(boolean valid) {
        ObjectNode p = JSON.createObjectNode();
        if (valid) {
            p.put("active", "A");
        } else {
            p.putNull("active");
        }
        ArrayNode slots = p.putArray("slots");
        ObjectNode a = slots.addObject().put("slot", "A").put("valid", valid).put("why", valid ? "ok" : "empty")
                .put("seq", seq).put("build_match", valid).put("n", valid ? model.saved.size() : 0)
                .put("bytes", 100).put("erases", erases);
        (valid ? model.saved : List.<String>of()).forEach(a.putArray("exts")::add);
        slots.addObject().put("slot", "B").put("valid", false).put("why", "empty").put("seq", 0)
                .put("build_match", false).put("n", 0).put("bytes", 0).put("erases", 0).putArray("exts");
        return p;
    }

    private HilReply useCount(String cmd, int rc, String name) {
        return reply(cmd, rc, JSON.createObjectNode().put("name", name).put("use_count", model.list.getOrDefault(name, 0)));
    }

    private HilReply save(String cmd, List<String> names) {
        int rc = model.save(names);
        ObjectNode p = JSON.createObjectNode();
        if (rc == 0) {
            seq++;
            erases++;
            model.saved.forEach(p.putArray("exts")::add);
        }
        return reply(cmd, rc, p);
    }

    private HilReply restore(String cmd) {
        int rc = model.restore();
        ObjectNode p = JSON.createObjectNode();
        if (rc == 0) {
            model.extraHeap += leakOnRestore;
            model.saved.forEach(p.putArray("exts")::add);
        }
        return reply(cmd, rc, p);
    }

    /** Images are not kept: an upload is received and acknowledged whole (no frames on a fake link). */
    @Override
    public UploadResult upload(String name, byte[] image, UploadProgress progress) {
        receive("upload begin " + name);
        ObjectNode p = JSON.createObjectNode().put("name", name).put("complete", true);
        return new UploadResult(reply("upload", 0, p), image.length, 0, 1, 0, 0.0, Double.NaN);
    }

    /** When set, every reset fails with it (a board whose reset cannot work). */
    public RuntimeException resetFailure;

    @Override
    public void reset(Duration timeout) {
        if (resetFailure != null) {
            throw resetFailure;
        }
        receive("reset cold");
        resets++;
        model.reset();
        session.epoch++;
        session.transcript.add("*** Booting Zephyr OS build fake ***");
    }

    /** Whether the fake board's link has DTR/RTS (pulses are refused without). */
    public boolean controlLines;

    /** Every lifecycle transition the campaign asked for, with its parameters, e.g. {@code pulse DTR 250ms}. */
    public final List<String> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public BoardLifecycle lifecycle() {
        return new BoardLifecycle() {
            @Override public Phase phase() { return Phase.READY; }
            @Override public String describeReset() { return "fake"; }
            @Override public void reset(Duration timeout) { transition("reset", timeout); }
            @Override public void softReset(String command, Duration timeout) { transition("soft " + command, timeout); }
            @Override public void hardReset(Duration timeout) { transition("hard", timeout); }
            @Override public void pulse(ControlLine line, Duration pulse, Duration timeout) {
                if (!controlLines) {
                    throw new ResetUnavailableException(boardName(), "reset (" + line + " pulse)",
                            "fake has no " + line + " line", "", null);
                }
                transition("pulse " + line + " " + pulse.toMillis() + "ms", timeout);
            }
            @Override public void external(String commandLine, Duration timeout) { transition("external " + commandLine, timeout); }
            @Override public void recover(Duration timeout) { transition("recover", timeout); }
            @Override public void flash(List<String> argv, Duration flashTimeout, Duration timeout) {
                transition("flash " + argv, timeout);
            }
        };
    }

    private void transition(String what, Duration timeout) {
        transitions.add(what);
        FakeBoardClient.this.reset(timeout);
    }

    @Override
    public FakeSession session() { return session; }

    @Override
    public void close() { }
}
