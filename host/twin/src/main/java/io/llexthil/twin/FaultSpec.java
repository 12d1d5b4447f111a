package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Faults armed right before the call under test.
 *
 * @param allocFailsAt the k-th allocator call from then on returns NULL (1 = the next one;
 *                     0 = none); every call counts, 0-byte ones included
 * @param exhaustBelow every allocator call returns NULL while fewer than this many bytes are
 *                     free (0 = off); the heap's own size limit always applies
 */
public record FaultSpec(@JsonProperty("allocFailsAt") int allocFailsAt,
                        @JsonProperty("exhaustBelow") int exhaustBelow) {
    public static final FaultSpec NONE = new FaultSpec(0, 0);

    @JsonCreator
    public static FaultSpec of(@JsonProperty("allocFailsAt") Integer allocFailsAt,
                               @JsonProperty("exhaustBelow") Integer exhaustBelow) {
        return new FaultSpec(allocFailsAt == null ? 0 : allocFailsAt, exhaustBelow == null ? 0 : exhaustBelow);
    }

    public FaultSpec {
        if (allocFailsAt < 0 || exhaustBelow < 0) {
            throw new ScenarioException("faults: allocFailsAt and exhaustBelow must be >= 0");
        }
    }

    public static FaultSpec failAt(int k) {
        return new FaultSpec(k, 0);
    }
}
