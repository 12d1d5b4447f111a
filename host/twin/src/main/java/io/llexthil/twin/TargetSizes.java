package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The target's {@code sizeof(struct llext)}, {@code sizeof(struct llext_elf_sect_map)},
 * {@code sizeof(struct llext_symbol)} and {@code sizeof(void *)}: the board reports them in
 * {@code info.sizes}, and they decide every allocation size the twin predicts.
 */
public record TargetSizes(
        @JsonProperty("llext") int llext,
        @JsonProperty("sect_map") int sectMap,
        @JsonProperty("symbol") int symbol,
        @JsonProperty("ptr") int ptr) {

    /** The values of the protocol's example (mps2/an385, a 32-bit Cortex-M3). */
    public static final TargetSizes CORTEX_M = new TargetSizes(208, 8, 8, 4);
    /** An illustrative 64-bit target; a real board's {@code info.sizes} is authoritative. */
    public static final TargetSizes X86_64 = new TargetSizes(352, 16, 16, 8);

    public TargetSizes {
        if (llext <= 0 || sectMap <= 0 || symbol <= 0 || (ptr != 4 && ptr != 8)) {
            throw new ScenarioException("target sizes need llext, sect_map, symbol > 0 and ptr 4 or 8, got "
                    + llext + "/" + sectMap + "/" + symbol + "/" + ptr);
        }
    }
}
