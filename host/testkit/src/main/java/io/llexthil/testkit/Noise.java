package io.llexthil.testkit;

import java.time.Duration;

/**
 * The faults {@link NoisyTcpProxy} injects into one direction of a link, each a probability per
 * byte: a byte is dropped, sent twice, sent with one bit flipped, or preceded by a Zephyr log
 * line ({@code [00:00:01.234,000] <inf> noise: ...}, as another thread of the board would print
 * it). {@code delay} holds every chunk back before it is forwarded (order is kept).
 */
public record Noise(double drop, double duplicate, double flip, double log, Duration delay) {

    public static final Noise NONE = new Noise(0, 0, 0, 0, Duration.ZERO);

    public Noise {
        for (double p : new double[] {drop, duplicate, flip, log}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("a fault probability must be within 0..1, got " + p);
            }
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive");
        }
    }

    public static Noise drops(double p) { return new Noise(p, 0, 0, 0, Duration.ZERO); }

    public static Noise duplicates(double p) { return new Noise(0, p, 0, 0, Duration.ZERO); }

    public static Noise flips(double p) { return new Noise(0, 0, p, 0, Duration.ZERO); }

    public static Noise logs(double p) { return new Noise(0, 0, 0, p, Duration.ZERO); }

    public Noise withDelay(Duration d) { return new Noise(drop, duplicate, flip, log, d); }

    public boolean quiet() { return drop == 0 && duplicate == 0 && flip == 0 && log == 0 && delay.isZero(); }

    @Override
    public String toString() {
        return "drop " + drop + ", dup " + duplicate + ", flip " + flip + ", log " + log + ", delay " + delay.toMillis() + " ms";
    }
}
