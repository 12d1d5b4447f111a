package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.llexthil.twin.model.HeapModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Enumerates scenario shapes up to {@code maxExt} extensions, runs both profiles on each and
 * collects the distinct findings, each with how many scenarios hit it and the smallest one.
 *
 * <p>What is enumerated (docs/twin.md repeats it):
 * <ul>
 *   <li>n = 0..maxExt extensions e0..e(n-1), 2 sections each, loaded in that order;</li>
 *   <li>every dependency graph, up to isomorphism: each unlabelled DAG once, in the canonical
 *       load order whose edge mask is smallest; an extension exports one symbol iff another
 *       depends on it and imports one symbol per dependency;</li>
 *   <li>ctx save of every loaded extension in list order (the firmware's default);</li>
 *   <li>three pre-load variants: none; e0 again (a namesake of a saved extension); an
 *       unrelated pair p0, p1 with p1 depending on p0;</li>
 *   <li>every order of ext[] (all n! permutations of the saved array);</li>
 *   <li>no fault, and every fault point k = 1 .. the larger number of allocator calls of the
 *       two profiles' fault-free runs.</li>
 * </ul>
 * Shapes are independent, so they run in a parallel stream; the result is deterministic.
 * Each run is observed straight from the board ({@link Observation}), not through a full
 * {@link Outcome}; the smallest scenario of a finding replays with {@link Twin#predict}.
 * A fault point at which both profiles fault gives the same findings for every order of a shape
 * (see runShape), so those runs are made for the first order only and their findings counted for
 * every order: {@code predictions} counts the runs the enumeration covers, not the runs made.
 */
public final class Explorer {
    private static final int SECTIONS = 2;
    private final int maxExt;
    private final boolean labelled;

    /** Graphs up to isomorphism (the default enumeration). */
    public Explorer(int maxExt) {
        this(maxExt, false);
    }

    /**
     * @param labelled true: every labelled graph over load order, not one per isomorphism class
     *                 (so every load/save order of each graph; about 3x more work at 5 extensions)
     */
    public Explorer(int maxExt, boolean labelled) {
        if (maxExt < 0 || maxExt > 6) {
            throw new ScenarioException("explore --max-ext must be 0..6, got " + maxExt);
        }
        this.maxExt = maxExt;
        this.labelled = labelled;
    }

    public record FindingSummary(@JsonProperty("finding") String finding,
                                 @JsonProperty("explanation") String explanation,
                                 @JsonProperty("count") long count,
                                 @JsonProperty("smallest") Scenario smallest) {
    }

    public record Report(@JsonProperty("max_ext") int maxExt,
                         @JsonProperty("graphs_labelled") boolean labelled,
                         @JsonProperty("graphs") long graphs,
                         @JsonProperty("scenarios") long scenarios,
                         @JsonProperty("predictions") long predictions,
                         @JsonProperty("findings") List<FindingSummary> findings) {
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("explored ").append(graphs).append(labelled ? " labelled" : "").append(" graphs, ")
                    .append(scenarios).append(" scenarios, ").append(predictions).append(" predictions (max-ext ").append(maxExt).append(")\n");
            for (FindingSummary f : findings) {
                sb.append('\n').append(f.finding()).append("  (").append(f.count()).append(" scenarios)\n  ")
                        .append(f.explanation()).append("\n  smallest: ")
                        .append(TwinJson.writeCompact(f.smallest())).append('\n');
            }
            return sb.toString();
        }
    }

    /** One shape: a graph (as an edge mask over load order) with a pre-load variant. */
    private record Shape(int n, int mask, int preload) {
    }

    private static final class Tally {
        final Map<Finding, Long> counts = new EnumMap<>(Finding.class);
        final Map<Finding, Scenario> smallest = new EnumMap<>(Finding.class);
        final Map<Finding, long[]> smallestKey = new EnumMap<>(Finding.class);
        long scenarios;
        long predictions;

        void hit(Finding f, Scenario s, long[] key) {
            counts.merge(f, 1L, Long::sum);
            long[] old = smallestKey.get(f);
            if (old == null || compare(key, old) < 0) {
                smallestKey.put(f, key);
                smallest.put(f, s);
            }
        }

        Tally merge(Tally o) {
            scenarios += o.scenarios;
            predictions += o.predictions;
            o.counts.forEach((f, c) -> counts.merge(f, c, Long::sum));
            o.smallestKey.forEach((f, k) -> {
                long[] mine = smallestKey.get(f);
                if (mine == null || compare(k, mine) < 0) {
                    smallestKey.put(f, k);
                    smallest.put(f, o.smallest.get(f));
                }
            });
            return this;
        }

        static int compare(long[] a, long[] b) {
            for (int i = 0; i < a.length; i++) {
                int c = Long.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    public Report run() {
        List<Shape> shapes = new ArrayList<>();
        long graphs = 0;
        for (int n = 0; n <= maxExt; n++) {
            for (int mask : labelled ? Dags.all(n) : Dags.canonical(n)) {
                graphs++;
                for (int p = 0; p < 3; p++) {
                    if (p == 1 && n == 0) {
                        continue;
                    }
                    shapes.add(new Shape(n, mask, p));
                }
            }
        }
        Tally total = IntStream.range(0, shapes.size()).parallel()
                .collect(Tally::new, (t, i) -> t.merge(runShape(shapes.get(i))), Tally::merge);
        List<FindingSummary> findings = new ArrayList<>();
        for (Finding f : Finding.values()) {
            if (total.counts.containsKey(f)) {
                findings.add(new FindingSummary(f.id(), f.explanation(), total.counts.get(f), total.smallest.get(f)));
            }
        }
        findings.sort(Comparator.comparing(FindingSummary::finding));
        return new Report(maxExt, labelled, graphs, total.scenarios, total.predictions, findings);
    }

    private Tally runShape(Shape shape) {
        Tally t = new Tally();
        Scenario base = scenario(shape);
        SavedContext upCtx = savedContext(base, Profile.UPSTREAM);
        SavedContext coCtx = savedContext(base, Profile.CONTRACT);
        int edges = Integer.bitCount(shape.mask);
        int preloadCount = base.preloadedOrNone().size();
        // The findings of fault point k (both profiles fault), by k, shared by every order of this
        // shape. Why that is exact: every allocator call of both algorithms comes before anything
        // reads a dependency, first/last or a name (upstream's final loop, the contract's commit),
        // so a fault makes the call return -ENOMEM on a path that depends only on the positions in
        // ext[] and on the sizes requested; in this enumeration every extension has 2 sections and
        // at most one export, so the sizes are the same whatever the order. Scenarios where only one
        // profile faults reuse the other's fault-free run, which does depend on the order: those are
        // run for every order. ExplorerGoldenTest and the unchanged counts at 5 extensions check it.
        List<Set<Finding>> faultFound = new ArrayList<>();
        int cachedUpCalls = -1;
        int cachedCoCalls = -1;
        for (List<Integer> order : Permutations.of(shape.n)) {
            Scenario ordered = base.withOrder(order);
            Observation upClean = observe(ordered, upCtx, Profile.UPSTREAM);
            Observation coClean = observe(ordered, coCtx, Profile.CONTRACT);
            int upCalls = upClean.allocCalls();
            int coCalls = coClean.allocCalls();
            boolean reuse = upCalls == cachedUpCalls && coCalls == cachedCoCalls;
            if (!reuse) {
                faultFound.clear();
                cachedUpCalls = upCalls;
                cachedCoCalls = coCalls;
            }
            long inversions = inversions(order);
            long orderCode = orderCode(order);
            for (int k = 0; k <= Math.max(upCalls, coCalls); k++) {
                Set<Finding> found;
                if (k == 0) {
                    found = FindingDetector.detect(upClean, coClean, preloadCount);
                    t.predictions += 2;
                } else if (reuse && k <= faultFound.size()) {
                    found = faultFound.get(k - 1);
                } else {
                    Scenario s = ordered.withFaults(FaultSpec.failAt(k));
                    // A fault point past a profile's last allocator call never fires: that run is the
                    // fault-free run (the countdown is the only difference), so it is reused, not re-run.
                    boolean upRuns = k <= upCalls;
                    boolean coRuns = k <= coCalls;
                    Observation up = upRuns ? observe(s, upCtx, Profile.UPSTREAM) : upClean;
                    Observation co = coRuns ? observe(s, coCtx, Profile.CONTRACT) : coClean;
                    found = FindingDetector.detect(up, co, preloadCount);
                    if (!reuse && upRuns && coRuns) {
                        faultFound.add(found);
                    }
                }
                if (k > 0) {
                    t.predictions += (k <= upCalls ? 1 : 0) + (k <= coCalls ? 1 : 0);
                }
                t.scenarios++;
                if (found.isEmpty()) {
                    continue;
                }
                // a total order on scenarios (ties impossible), so the smallest is the same whatever
                // order the parallel stream merges in
                long[] key = {shape.n + preloadCount, edges, k, inversions, shape.preload, shape.mask, orderCode};
                Scenario s = k == 0 ? ordered : ordered.withFaults(FaultSpec.failAt(k));
                for (Finding f : found) {
                    t.hit(f, s, key);
                }
            }
        }
        return t;
    }

    /** The load + ctx save part of Twin.predict, done once per shape (it does not depend on order or faults). */
    static SavedContext savedContext(Scenario s, Profile profile) {
        TwinBoard b = new TwinBoard(profile, s.targetOrDefault(), s.heapOrDefault(), HeapModel.REQUESTED).lean();
        for (String name : s.beforeOrAll()) {
            if (b.load(s.extension(name)).rc() != 0) {
                throw new IllegalStateException("explorer shape does not load: " + TwinJson.writeCompact(s));
            }
        }
        StepResult save = b.save(s.saved());
        if (save.rc() != 0 || !save.ub().isEmpty()) {
            throw new IllegalStateException("explorer shape does not save cleanly: " + TwinJson.writeCompact(s));
        }
        return b.saved();
    }

    /**
     * The rest of Twin.predict (reset, preload, faults, restore: the same TwinBoard steps), observed
     * straight from the board instead of through a full Outcome. ObservationTest checks both agree.
     */
    static Observation observe(Scenario s, SavedContext ctx, Profile profile) {
        TwinBoard b = new TwinBoard(profile, s.targetOrDefault(), s.heapOrDefault(), HeapModel.REQUESTED).lean();
        b.installSaved(ctx);
        for (String name : s.preloadedOrNone()) {
            if (b.load(s.extension(name)).rc() < 0) {
                throw new IllegalStateException("explorer pre-load does not load: " + TwinJson.writeCompact(s));
            }
        }
        FaultSpec f = s.faultsOrNone();
        b.faultAlloc(f.allocFailsAt());
        b.faultExhaust(f.exhaustBelow());
        return Observation.of(b, b.restoreRaw(s.order()).rc());
    }

    private static long orderCode(List<Integer> order) {
        long code = 0;
        for (int i : order) {
            code = code * 8 + i;
        }
        return code;
    }

    private static long inversions(List<Integer> order) {
        long inv = 0;
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                if (order.get(i) > order.get(j)) {
                    inv++;
                }
            }
        }
        return inv;
    }

    /** The scenario of a shape: ext i imports e{d}_fn for each dependency d (bit i*(i-1)/2 + d). */
    static Scenario scenario(Shape shape) {
        int n = shape.n;
        boolean[] exported = new boolean[n];
        List<List<String>> imports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> imp = new ArrayList<>();
            for (int d = 0; d < i; d++) {
                if ((shape.mask >> Dags.bit(i, d) & 1) != 0) {
                    imp.add("e" + d + "_fn");
                    exported[d] = true;
                }
            }
            imports.add(imp);
        }
        List<ExtensionSpec> exts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            exts.add(new ExtensionSpec("e" + i, exported[i] ? List.of("e" + i + "_fn") : List.of(), imports.get(i),
                    SECTIONS));
        }
        List<String> before = null;
        List<String> preloaded = null;
        if (shape.preload == 1) {
            preloaded = List.of("e0");
        } else if (shape.preload == 2) {
            before = exts.stream().map(ExtensionSpec::name).toList();
            exts.add(new ExtensionSpec("p0", List.of("p0_fn"), List.of(), SECTIONS));
            exts.add(new ExtensionSpec("p1", List.of(), List.of("p0_fn"), SECTIONS));
            preloaded = List.of("p0", "p1");
        }
        return new Scenario(null, null, exts, before, null, preloaded, null, null, null);
    }
}
