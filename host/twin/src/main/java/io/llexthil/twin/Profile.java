package io.llexthil.twin;

/** Which behaviour the twin predicts. */
public enum Profile {
    /** Exactly what the seed's C code does (Zephyr v4.2.0 on), bugs included. */
    UPSTREAM,
    /** What the API documentation (the header comments in the seed) promises a caller. */
    CONTRACT,
    /**
     * The seed's C code as an optimising compiler builds it (GCC 12 at -Os, Zephyr's default): the
     * dependency loops' {@code j < 8} test is dropped, because reading {@code dependency[j]} before it
     * would be undefined for j = 8, so with all 8 slots used {@code dependency[8]} (the next field,
     * {@code sect_cnt}) is taken for a pointer. Everything else as {@link #UPSTREAM}.
     */
    UPSTREAM_OPTIMISED;

    private final String id = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    public String id() {
        return id;
    }

    /** The seed's algorithm (as written or as optimised), not the contract. */
    public boolean upstream() {
        return this != CONTRACT;
    }

    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.id().equals(s)) {
                return p;
            }
        }
        throw new ScenarioException("unknown profile '" + s + "' (upstream, contract or upstream-optimised)");
    }
}
