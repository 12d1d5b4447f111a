package io.llexthil.twin;

import java.util.ArrayList;
import java.util.List;

/** All permutations of 0..n-1 in lexicographic order. */
final class Permutations {
    private Permutations() {
    }

    static List<List<Integer>> of(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), new boolean[n], n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, boolean[] used, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(i);
                permute(prefix, used, n, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }
}
