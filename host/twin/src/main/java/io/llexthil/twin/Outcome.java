package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.llexthil.twin.model.HeapEvent;
import io.llexthil.twin.model.LogLine;
import io.llexthil.twin.model.UbEvent;

import java.util.List;

/**
 * What one scenario produces under one profile.
 *
 * @param stage          the step the outcome is about: {@code restore} normally; {@code relink} when
 *                       ctx save failed (restore never ran), {@code load}/{@code preload} when a load failed
 * @param cause          the twin's explanation of a failure of the dependency loop (not a C log line):
 *                       {@code dependency-on-last}, {@code dependency-below-first}, {@code dependency-above-last},
 *                       {@code preloaded-with-dependencies}, {@code dependency-not-found}; null otherwise
 * @param firmwareSkipsCall true when n = 0: the firmware's ctx restore returns 0 without calling
 *                       llext_restore; the outcome still shows what the call would do
 * @param log            messages of llext_relink_dependency and llext_restore, in order
 * @param heap           events of the restore call, the allocations left after it ({@code live}) and
 *                       those of them no listed extension holds ({@code leaks})
 * @param ub             undefined behaviour other than heap misuse (save and restore)
 * @param classification {@code ok}, {@code error}, {@code undefined-behaviour} or {@code heap-corruption}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(
        @JsonProperty("profile") String profile,
        @JsonProperty("stage") String stage,
        @JsonProperty("rc") int rc,
        @JsonProperty("rc_name") String rcName,
        @JsonProperty("cause") String cause,
        @JsonProperty("firmware_skips_call") boolean firmwareSkipsCall,
        @JsonProperty("log") List<LogLine> log,
        @JsonProperty("list") List<ExtState> list,
        @JsonProperty("ext") List<Slot> ext,
        @JsonProperty("ldr") List<LoaderSlot> ldr,
        @JsonProperty("heap") HeapReport heap,
        @JsonProperty("ub") List<UbEvent> ub,
        @JsonProperty("crash") Crash crash,
        @JsonProperty("classification") String classification) {

    /**
     * What ext[i] points to after the call: {@code null}, {@code copy} (copy index), {@code heap}
     * (block); {@code was_copy}: the copy it pointed to when the call began.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slot(@JsonProperty("slot") int slot,
                       @JsonProperty("was_copy") int wasCopy,
                       @JsonProperty("points") String points,
                       @JsonProperty("copy") Integer copy,
                       @JsonProperty("block") Integer block,
                       @JsonProperty("live") Boolean live,
                       @JsonProperty("name") String name) {
    }

    /** ldr[i] (the loader of copy {@code loader}) and what its sect_map points to after the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoaderSlot(@JsonProperty("slot") int slot,
                             @JsonProperty("loader") int loader,
                             @JsonProperty("sect_map") String sectMap,
                             @JsonProperty("block") Integer block,
                             @JsonProperty("live") Boolean live) {
    }

    public record Block(@JsonProperty("block") int block,
                        @JsonProperty("size") int size,
                        @JsonProperty("owner") String owner,
                        @JsonProperty("site") String site) {
    }

    public record HeapReport(@JsonProperty("size") int size,
                             @JsonProperty("used") int used,
                             @JsonProperty("allocs") int allocs,
                             @JsonProperty("alloc_calls") int allocCalls,
                             @JsonProperty("events") List<HeapEvent> events,
                             @JsonProperty("live") List<Block> live,
                             @JsonProperty("leaks") List<Block> leaks,
                             @JsonProperty("double_frees") int doubleFrees,
                             @JsonProperty("invalid_frees") int invalidFrees,
                             @JsonProperty("invalid_reads") int invalidReads) {
    }

    /**
     * With CONFIG_ASSERT the board halts at the first double or invalid free.
     *
     * @param event index into {@code heap.events} of that free, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Crash(@JsonProperty("crashes") boolean crashes,
                        @JsonProperty("event") Integer event,
                        @JsonProperty("what") String what) {
        public static final Crash NONE = new Crash(false, null, null);
    }
}
