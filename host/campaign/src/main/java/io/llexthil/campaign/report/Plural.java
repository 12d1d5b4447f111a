package io.llexthil.campaign.report;

/** Counts with their noun, the English way: "1 case", "3 cases", "0 errors". */
public final class Plural {
    private Plural() { }

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
