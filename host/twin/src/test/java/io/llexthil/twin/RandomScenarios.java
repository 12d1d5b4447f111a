package io.llexthil.twin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded random scenarios for the property tests: graphs, orders, pre-loads, faults, targets. */
final class RandomScenarios {
    /** A generated scenario and what the generator knows about it. */
    record Generated(Scenario scenario, int n, int preloaded, boolean closed, boolean faulty) {
    }

    private final Random random;

    RandomScenarios(long seed) {
        this.random = new Random(seed);
    }

    /**
     * @param faults    arm a random fault point / exhaustion (sometimes none)
     * @param preloads  allow extensions loaded before the call
     * @param subsets   allow saving a subset (possibly not closed under dependencies)
     */
    Generated next(boolean faults, boolean preloads, boolean subsets) {
        int n = 1 + random.nextInt(6);
        List<List<Integer>> deps = new ArrayList<>();
        boolean[] exported = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<Integer> d = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    d.add(j);
                    exported[j] = true;
                }
            }
            deps.add(d);
        }
        List<ExtensionSpec> exts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> exports = new ArrayList<>();
            int extra = random.nextInt(3);
            if (exported[i] || extra > 0) {
                exports.add("e" + i + "_fn");
                for (int x = 1; x < extra; x++) {
                    exports.add("e" + i + "_x" + x);
                }
            }
            List<String> imports = deps.get(i).stream().map(d -> "e" + d + "_fn").toList();
            exts.add(new ExtensionSpec("e" + i, exports, imports, 1 + random.nextInt(5)));
        }
        List<String> names = new ArrayList<>();
        exts.forEach(e -> names.add(e.name()));
        List<String> saved = null;
        boolean closed = true;
        if (subsets && random.nextBoolean()) {
            saved = new ArrayList<>();
            for (String s : names) {
                if (random.nextInt(4) != 0) {
                    saved.add(s);
                }
            }
            if (saved.isEmpty()) {
                saved.add(names.get(0));
            }
            Collections.shuffle(saved, random);
            for (String s : saved) {
                for (int d : deps.get(Integer.parseInt(s.substring(1)))) {
                    closed &= saved.contains("e" + d);
                }
            }
        } else if (random.nextBoolean()) {
            saved = new ArrayList<>(names);
            Collections.shuffle(saved, random);
        }
        int savedCount = saved == null ? n : saved.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < savedCount; i++) {
            order.add(i);
        }
        if (random.nextBoolean()) {
            Collections.shuffle(order, random);
        }
        List<String> before = null;
        List<String> preloaded = null;
        int preloadedCount = 0;
        if (preloads) {
            switch (random.nextInt(3)) {
                case 1 -> {
                    // a namesake of a saved extension without imports (so it loads on a fresh board)
                    preloaded = List.of("e0");
                    preloadedCount = 1;
                }
                case 2 -> {
                    before = new ArrayList<>(names);
                    exts.add(new ExtensionSpec("p0", List.of("p0_fn"), List.of(), 1 + random.nextInt(3)));
                    exts.add(new ExtensionSpec("p1", List.of(), List.of("p0_fn"), 1 + random.nextInt(3)));
                    preloaded = List.of("p0", "p1");
                    preloadedCount = 2;
                }
                default -> {
                }
            }
        }
        FaultSpec f = null;
        if (faults) {
            int kind = random.nextInt(4);
            if (kind == 1 || kind == 2) {
                f = FaultSpec.failAt(1 + random.nextInt(20));
            } else if (kind == 3) {
                f = new FaultSpec(0, 15000 + random.nextInt(1400));
            }
        }
        TargetSizes target = random.nextBoolean() ? TargetSizes.CORTEX_M : TargetSizes.X86_64;
        Scenario s = new Scenario(target, null, exts, before, saved, preloaded, order, null, f);
        return new Generated(s, savedCount, preloadedCount, closed, f != null);
    }
}
