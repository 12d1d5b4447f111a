package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.llexthil.twin.model.HeapEvent;
import io.llexthil.twin.model.LogLine;
import io.llexthil.twin.model.UbEvent;

import java.util.List;

/**
 * The prediction for one board command: its rc, what it logged, its heap events and UB,
 * whether it crashes the board (CONFIG_ASSERT: the first double or invalid free halts it;
 * {@code crash_event} indexes {@code heap_events}), and the list and heap use afterwards.
 *
 * <p>{@code use_count} (load and unload only, else null) is the count of the extension the call
 * operated on, after it: the one {@code llext_by_name} found first, 0 when unload freed it. It is
 * not "the count of the first namesake listed afterwards": after unloading one of two namesakes
 * (a restore while the name was loaded) the survivor's count is another extension's.
 */
public record StepResult(
        @JsonProperty("step") String step,
        @JsonProperty("rc") int rc,
        @JsonProperty("log") List<LogLine> log,
        @JsonProperty("heap_events") List<HeapEvent> heapEvents,
        @JsonProperty("ub") List<UbEvent> ub,
        @JsonProperty("crashes") boolean crashes,
        @JsonProperty("crash_event") Integer crashEvent,
        @JsonProperty("list") List<ExtState> list,
        @JsonProperty("heap_used") int heapUsed,
        @JsonProperty("use_count") Integer useCount) {
}
