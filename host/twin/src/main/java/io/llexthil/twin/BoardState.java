package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A serialisable snapshot of a {@link TwinBoard}, for reports. */
public record BoardState(
        @JsonProperty("profile") String profile,
        @JsonProperty("target") TargetSizes target,
        @JsonProperty("boot") int boot,
        @JsonProperty("halted") boolean halted,
        @JsonProperty("exts") List<ExtState> exts,
        @JsonProperty("heap") HeapStats heap,
        @JsonProperty("saved") SavedContext saved,
        @JsonProperty("fault_alloc") int faultAlloc,
        @JsonProperty("leaks") List<Outcome.Block> leaks) {

    /** As the protocol's {@code state.heap}: used = sum of requested sizes of live blocks. */
    public record HeapStats(@JsonProperty("size") int size,
                            @JsonProperty("used") int used,
                            @JsonProperty("free") int free,
                            @JsonProperty("max_used") int maxUsed,
                            @JsonProperty("allocs") int allocs,
                            @JsonProperty("alloc_calls") int allocCalls) {
    }
}
