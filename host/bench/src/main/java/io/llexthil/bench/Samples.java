package io.llexthil.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Measured times of one contender, in nanoseconds; medians and spreads for the table. */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long n) { nanos.add(n); }

    void addAll(List<Long> n) { nanos.addAll(n); }

    int count() { return nanos.size(); }

    boolean isEmpty() { return nanos.isEmpty(); }

    /** The value below which {@code p} (0..1) of the samples lie. */
    long percentile(double p) {
        if (nanos.isEmpty()) throw new IllegalStateException("no samples");
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = (int) Math.round(p * (sorted.size() - 1));
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    long median() { return percentile(0.5); }

    /** {@code median (p10-p90)} in microseconds. */
    String micros() {
        return String.format(Locale.ROOT, "%.0f us (%.0f-%.0f)", median() / 1e3, percentile(0.1) / 1e3, percentile(0.9) / 1e3);
    }

    /** {@code median (min-max)} in seconds, for few long samples. */
    String seconds() {
        return String.format(Locale.ROOT, "%.2f s (%.2f-%.2f)", median() / 1e9, percentile(0) / 1e9, percentile(1) / 1e9);
    }

    /** This median over {@code base}'s, e.g. {@code 1.8x}. */
    String ratioTo(Samples base) {
        return String.format(Locale.ROOT, "%.1fx", (double) median() / base.median());
    }
}
