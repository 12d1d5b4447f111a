package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of the global extension list, as the board's {@code state} reports it, plus where
 * each dependency pointer points ({@code dep_refs}: {@code list} = a live extension in the list,
 * {@code off-list} = a live object no longer in the list, {@code freed}, {@code copy[k]} = the
 * caller's saved copy, {@code foreign}) and {@code dep_at}: the list position of each target (-1 = not in the list). {@code deps} are the names the board would print
 * (read through the pointer, stale when freed).
 */
public record ExtState(
        @JsonProperty("name") String name,
        @JsonProperty("use_count") int useCount,
        @JsonProperty("deps") List<String> deps,
        @JsonProperty("dep_refs") List<String> depRefs,
        @JsonProperty("dep_at") List<Integer> depAt,
        @JsonProperty("exp") int exp,
        @JsonProperty("sect") int sect,
        @JsonProperty("alloc") int alloc,
        @JsonProperty("address") String address) {
}
