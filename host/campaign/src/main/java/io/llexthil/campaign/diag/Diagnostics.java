package io.llexthil.campaign.diag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.board.BoardClient;
import io.llexthil.board.BoardInfo;
import io.llexthil.board.CtxInfo;
import io.llexthil.board.LlextState;

import java.util.Locale;

/**
 * Field diagnostics: what a deployed board runs and holds, read with {@code info}, {@code state} and
 * {@code ctx info} only — three read-only commands. The board client is opened read-only by the
 * caller, so that nothing else can be sent even by mistake.
 */
public final class Diagnostics {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The three answers, as read. */
    public record Report(String board, BoardInfo info, LlextState state, CtxInfo ctx) { }

    private Diagnostics() { }

    public static Report collect(BoardClient board) {
        BoardInfo info = board.info();
        LlextState state = board.state();
        CtxInfo ctx = board.ctxInfo();
        return new Report(board.boardName(), info, state, ctx);
    }

    public static String table(Report r) {
        BoardInfo i = r.info();
        StringBuilder sb = new StringBuilder();
        String kv = "%-16s %s%n";
        sb.append(String.format(Locale.ROOT, kv, "board", r.board() + " (" + i.board() + ", " + i.arch() + ")"));
        sb.append(String.format(Locale.ROOT, kv, "firmware", i.firmware() + ", Zephyr " + i.zephyr() + ", profile " + i.profile()));
        sb.append(String.format(Locale.ROOT, kv, "build id", i.buildId()));
        sb.append(String.format(Locale.ROOT, kv, "boot counter", i.bootCount()));
        sb.append(String.format(Locale.ROOT, kv, "reset cause", i.resetCause()));
        var h = r.state().heap();
        sb.append(String.format(Locale.ROOT, kv, "llext heap", h.used() + " / " + h.size() + " bytes used, " + h.allocs()
                + " allocations, peak " + h.maxUsed()));
        sb.append(String.format(Locale.ROOT, kv, "extensions", r.state().exts().isEmpty() ? "none loaded" : r.state().exts().size() + " loaded"));
        if (!r.state().exts().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-16s %5s %-28s %4s %5s %6s%n", "name", "uses", "depends on", "exp", "sect", "bytes"));
            for (LlextState.Ext e : r.state().exts()) {
                sb.append(String.format(Locale.ROOT, "  %-16s %5d %-28s %4d %5d %6d%n", e.name(), e.useCount(),
                        e.deps().isEmpty() ? "-" : String.join(",", e.deps()), e.exportedSymbols(), e.sections(), e.allocBytes()));
            }
        }
        sb.append(String.format(Locale.ROOT, kv, "context slots", "active: " + (r.ctx().active() == null ? "none" : r.ctx().active())));
        sb.append(String.format(Locale.ROOT, "  %-4s %-6s %-18s %6s %-11s %3s %-24s %6s%n", "slot", "valid", "why", "seq",
                "this build", "n", "extensions", "erases"));
        for (CtxInfo.Slot s : r.ctx().slots()) {
            sb.append(String.format(Locale.ROOT, "  %-4s %-6s %-18s %6d %-11s %3d %-24s %6d%n", s.slot(), s.valid() ? "yes" : "no",
                    s.why(), s.seq(), s.buildMatch() ? "yes" : "no", s.n(), s.exts().isEmpty() ? "-" : String.join(",", s.exts()),
                    s.erases()));
        }
        return sb.toString();
    }

    public static String json(Report r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("board", r.board());
        BoardInfo i = r.info();
        root.put("firmware", i.firmware());
        root.put("build", i.buildId());
        root.put("zephyr", i.zephyr());
        root.put("target", i.board());
        root.put("arch", i.arch());
        root.put("profile", i.profile());
        root.put("boot", i.bootCount());
        root.put("reset_cause", i.resetCause());
        ObjectNode heap = root.putObject("heap");
        var h = r.state().heap();
        heap.put("size", h.size());
        heap.put("used", h.used());
        heap.put("free", h.free());
        heap.put("max_used", h.maxUsed());
        heap.put("allocs", h.allocs());
        ArrayNode exts = root.putArray("extensions");
        for (LlextState.Ext e : r.state().exts()) {
            ObjectNode n = exts.addObject();
            n.put("name", e.name());
            n.put("use_count", e.useCount());
            ArrayNode d = n.putArray("deps");
            e.deps().forEach(d::add);
            n.put("exp", e.exportedSymbols());
            n.put("sect", e.sections());
            n.put("alloc", e.allocBytes());
        }
        ObjectNode ctx = root.putObject("context");
        ctx.put("active", r.ctx().active());
        ArrayNode slots = ctx.putArray("slots");
        for (CtxInfo.Slot s : r.ctx().slots()) {
            ObjectNode n = slots.addObject();
            n.put("slot", s.slot());
            n.put("valid", s.valid());
            n.put("why", s.why());
            n.put("seq", s.seq());
            n.put("saved_by_this_build", s.buildMatch());
            n.put("n", s.n());
            ArrayNode e = n.putArray("exts");
            s.exts().forEach(e::add);
            n.put("bytes", s.bytes());
            n.put("erases", s.erases());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
