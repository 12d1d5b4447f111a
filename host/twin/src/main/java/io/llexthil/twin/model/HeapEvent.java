package io.llexthil.twin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.io.IOException;

/**
 * One thing that happened on the LLEXT heap.
 *
 * @param kind    {@code alloc}, {@code alloc-null} (the allocator returned NULL: see {@code detail}),
 *                {@code free}, {@code double-free}, {@code invalid-free}, {@code read-freed}
 * @param call    for allocations, the allocator call number since boot (1-based), else 0
 * @param block   the heap block concerned, or 0 when none (NULL result, unknown pointer)
 * @param address the pointer involved (0 = NULL); in JSON a hex string
 * @param size    requested size (allocations) or the block's size
 * @param owner   what the memory is for, e.g. "section map of 'a'"
 * @param site    the C call site, e.g. "llext_restore: free_map llext_free(map)"
 * @param detail  why an allocation returned NULL, or what was read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeapEvent(@JsonProperty("kind") String kind,
                        @JsonProperty("call") int call,
                        @JsonProperty("block") int block,
                        @JsonProperty("address") @JsonSerialize(using = Hex.Out.class)
                        @JsonDeserialize(using = Hex.In.class) long address,
                        @JsonProperty("size") int size,
                        @JsonProperty("owner") String owner,
                        @JsonProperty("site") String site,
                        @JsonProperty("detail") String detail) {

    /** With CONFIG_ASSERT, sys_heap halts the board on these. */
    @JsonIgnore
    public boolean crashesBoard() {
        return kind.equals("double-free") || kind.equals("invalid-free");
    }

    /** Addresses as "0x..." strings in JSON, as the protocol writes them. */
    static final class Hex {
        private Hex() {
        }

        static final class Out extends JsonSerializer<Long> {
            @Override
            public void serialize(Long value, JsonGenerator gen, SerializerProvider sp) throws IOException {
                gen.writeString("0x" + Long.toHexString(value));
            }
        }

        static final class In extends JsonDeserializer<Long> {
            @Override
            public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Long.parseLong(p.getValueAsString().substring(2), 16);
            }
        }
    }
}
