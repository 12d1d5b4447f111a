package io.llexthil.twin;

import java.util.ArrayList;
import java.util.List;

/**
 * Dependency graphs over load order: extension i may depend on any d < i (the only direction a
 * load can record). A graph is an edge mask, bit {@link #bit}(i, d) meaning "i depends on d".
 * {@link #canonical} keeps one mask per isomorphism class: the smallest over all relabellings
 * that are still load orders.
 */
final class Dags {
    private Dags() {
    }

    static int bit(int i, int d) {
        return i * (i - 1) / 2 + d;
    }

    /** Every labelled graph over load order (2^(n(n-1)/2) masks). */
    static List<Integer> all(int n) {
        List<Integer> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << (n * (n - 1) / 2)); mask++) {
            out.add(mask);
        }
        return out;
    }

    static List<Integer> canonical(int n) {
        int edges = n * (n - 1) / 2;
        List<Integer> out = new ArrayList<>();
        List<List<Integer>> perms = Permutations.of(n);
        for (int mask = 0; mask < (1 << edges); mask++) {
            if (isSmallest(mask, n, perms)) {
                out.add(mask);
            }
        }
        return out;
    }

    private static boolean isSmallest(int mask, int n, List<List<Integer>> perms) {
        for (List<Integer> p : perms) {
            int relabelled = 0;
            boolean valid = true;
            for (int i = 0; i < n && valid; i++) {
                for (int d = 0; d < i; d++) {
                    if ((mask >> bit(i, d) & 1) != 0) {
                        int a = p.get(i);
                        int b = p.get(d);
                        if (b >= a) {
                            valid = false;
                            break;
                        }
                        relabelled |= 1 << bit(a, b);
                    }
                }
            }
            if (valid && relabelled < mask) {
                return false;
            }
        }
        return true;
    }
}
