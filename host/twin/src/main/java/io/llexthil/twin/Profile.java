package io.llexthil.twin;

/** Which behaviour the twin predicts. */
public enum Profile {
    /** Exactly what the seed's C code does (Zephyr v4.2.0 on), bugs included. */
    UPSTREAM,
    /** What the API documentation (the header comments in the seed) promises a caller. */
    CONTRACT;

    private final String id = name().toLowerCase(java.util.Locale.ROOT);

    public String id() {
        return id;
    }

    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.id().equals(s)) {
                return p;
            }
        }
        throw new ScenarioException("unknown profile '" + s + "' (upstream or contract)");
    }
}
