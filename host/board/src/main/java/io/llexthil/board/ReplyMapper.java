package io.llexthil.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Maps result payloads (docs/protocol.md section 4) to records; missing fields read as 0/empty. */
final class ReplyMapper {
    private ReplyMapper() { }

    static HeapStats heap(JsonNode h) {
        return new HeapStats(h.path("size").asLong(), h.path("used").asLong(), h.path("free").asLong(),
                h.path("max_used").asLong(), h.path("allocs").asLong());
    }

    static BoardInfo info(JsonNode p) {
        JsonNode s = p.path("sizes");
        JsonNode f = p.path("flash");
        JsonNode u = p.path("upload");
        return new BoardInfo(p.path("fw").asText(), p.path("build").asText(), p.path("zephyr").asText(),
                p.path("board").asText(), p.path("arch").asText(),
                new BoardInfo.TargetSizes(s.path("llext").asInt(), s.path("sect_map").asInt(),
                        s.path("symbol").asInt(), s.path("ptr").asInt()),
                p.path("max_deps").asInt(8), heap(p.path("heap")),
                new BoardInfo.FlashGeometry(f.path("offset").asLong(), f.path("size").asLong(),
                        f.path("erase").asLong(), f.path("write").asLong()),
                p.path("image_store").path("size").asLong(), p.path("image_store").path("used").asLong(),
                p.path("boot").asLong(), p.path("reset_cause").asText(), p.path("profile").asText(),
                p.path("test").asBoolean(),
                new BoardInfo.UploadParams(u.path("chunk").asInt(256), u.path("window").asInt(1),
                        u.path("rx_buf").asInt(0)),
                texts(p.path("cmds")), p.toString());
    }

    static LlextState state(HilReply r) {
        return state(r.payload(), r.payloadText());
    }

    private static LlextState state(JsonNode p, String raw) {
        List<LlextState.Ext> exts = new ArrayList<>();
        for (JsonNode e : p.path("exts")) {
            exts.add(new LlextState.Ext(e.path("name").asText(), e.path("use_count").asInt(),
                    texts(e.path("deps")), e.path("exp").asInt(), e.path("sect").asInt(),
                    e.path("alloc").asLong()));
        }
        return new LlextState(List.copyOf(exts), heap(p.path("heap")), raw);
    }

    static CtxInfo ctxInfo(JsonNode p) {
        List<CtxInfo.Slot> slots = new ArrayList<>();
        for (JsonNode s : p.path("slots")) {
            slots.add(new CtxInfo.Slot(s.path("slot").asText(), s.path("valid").asBoolean(), s.path("why").asText(),
                    s.path("seq").asLong(), s.path("build_match").asBoolean(), s.path("n").asInt(),
                    texts(s.path("exts")), s.path("bytes").asLong(), s.path("erases").asLong()));
        }
        JsonNode active = p.path("active");
        return new CtxInfo(active.isNull() || active.isMissingNode() ? null : active.asText(), List.copyOf(slots),
                p.toString());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
