package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * One input to {@link Twin#predict}: a save -> reset -> restore run.
 *
 * <p>Steps: load {@code before} (default: every extension, in the order listed), {@code ctx save
 * saved} (default: every loaded extension in list order), reset, load {@code preloaded}, arm
 * {@code faults}, then call llext_restore with {@code ext[i] = &copies[order[i]]} (default
 * identity). With {@code copies} the saved context is given directly and the first two steps
 * are skipped. {@code order} may be any list of copy indices here (a subset, repeats): the
 * firmware accepts only permutations, {@code predict} shows what the C code would do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(
        @JsonProperty("target") TargetSizes target,
        @JsonProperty("heap") Integer heap,
        @JsonProperty("extensions") List<ExtensionSpec> extensions,
        @JsonProperty("before") List<String> before,
        @JsonProperty("saved") List<String> saved,
        @JsonProperty("preloaded") List<String> preloaded,
        @JsonProperty("order") List<Integer> order,
        @JsonProperty("copies") List<SavedCopy> copies,
        @JsonProperty("faults") FaultSpec faults) {

    public static final int DEFAULT_HEAP = 16384;

    public Scenario {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        before = before == null ? null : List.copyOf(before);
        saved = saved == null ? null : List.copyOf(saved);
        preloaded = preloaded == null ? null : List.copyOf(preloaded);
        order = order == null ? null : List.copyOf(order);
        copies = copies == null ? null : List.copyOf(copies);
    }

    public TargetSizes targetOrDefault() {
        return target == null ? TargetSizes.CORTEX_M : target;
    }

    public int heapOrDefault() {
        return heap == null ? DEFAULT_HEAP : heap;
    }

    public FaultSpec faultsOrNone() {
        return faults == null ? FaultSpec.NONE : faults;
    }

    public List<String> beforeOrAll() {
        if (before != null) {
            return before;
        }
        List<String> all = new ArrayList<>();
        extensions.forEach(e -> all.add(e.name()));
        return all;
    }

    public List<String> preloadedOrNone() {
        return preloaded == null ? List.of() : preloaded;
    }

    public ExtensionSpec extension(String name) {
        for (ExtensionSpec e : extensions) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new ScenarioException("scenario names extension '" + name + "' but does not define it");
    }

    public Scenario withFaults(FaultSpec f) {
        return new Scenario(target, heap, extensions, before, saved, preloaded, order, copies, f);
    }

    public Scenario withOrder(List<Integer> o) {
        return new Scenario(target, heap, extensions, before, saved, preloaded, o, copies, faults);
    }
}
