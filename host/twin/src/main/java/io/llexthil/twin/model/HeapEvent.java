package io.llexthil.twin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
                        @JsonIgnore long address,
                        @JsonProperty("size") int size,
                        @JsonProperty("owner") String owner,
                        @JsonProperty("site") String site,
                        @JsonProperty("detail") String detail) {

    @JsonCreator
    public static HeapEvent fromJson(@JsonProperty("kind") String kind, @JsonProperty("call") int call,
                                     @JsonProperty("block") int block, @JsonProperty("address") String address,
                                     @JsonProperty("size") int size, @JsonProperty("owner") String owner,
                                     @JsonProperty("site") String site, @JsonProperty("detail") String detail) {
        return new HeapEvent(kind, call, block, Long.parseLong(address.substring(2), 16), size, owner, site, detail);
    }

    @JsonProperty("address")
    public String addressHex() {
        return "0x" + Long.toHexString(address);
    }

    /** With CONFIG_ASSERT, sys_heap halts the board on these. */
    @JsonIgnore
    public boolean crashesBoard() {
        return kind.equals("double-free") || kind.equals("invalid-free");
    }
}
