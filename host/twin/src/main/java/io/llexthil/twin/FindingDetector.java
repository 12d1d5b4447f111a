package io.llexthil.twin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Compares the upstream and contract outcomes of one scenario and names the divergences. */
public final class FindingDetector {
    private FindingDetector() {
    }

    /**
     * @param preloaded how many extensions the scenario loads before the call
     */
    public static Set<Finding> detect(Outcome up, Outcome co, int preloaded) {
        Set<Finding> out = EnumSet.noneOf(Finding.class);
        contractSelfCheck(co, preloaded, out);
        if (!up.stage().equals("restore") || !co.stage().equals("restore")) {
            return out;
        }
        for (var u : up.ub()) {
            if (u.detail().startsWith("ext[")) {
                out.add(Finding.ZERO_EXTENSIONS_OOB_READ);
            } else if (u.detail().startsWith("dependency[8]")) {
                out.add(Finding.DEPENDENCY_SLOT_OOB_READ);
            }
        }
        boolean injected = up.heap().events().stream()
                .anyMatch(e -> e.kind().equals("alloc-null") && e.detail().equals("injected fault"));
        if (up.rc() != 0 && co.rc() == 0 && !injected) {
            out.add(rejection(up));
        }
        boolean contractRejected = co.rc() != 0 && co.rc() != -Errno.ENOMEM;
        if (up.rc() == 0 && contractRejected) {
            out.add(Finding.INVALID_INPUT_ACCEPTED);
        }
        if (up.rc() == 0 && co.rc() == 0) {
            if (!sameList(up.list(), co.list())) {
                out.add(namesakeBinding(up, preloaded) ? Finding.DEPENDENCY_BOUND_TO_PRELOADED_NAMESAKE
                        : Finding.SUCCESS_STATE_DIFFERS);
            }
            if (!up.heap().leaks().isEmpty()) {
                out.add(Finding.SUCCESS_LEAKS);
            }
        }
        if (up.rc() != 0 && !up.firmwareSkipsCall()) {
            failureSideEffects(up, preloaded, out);
        }
        return out;
    }

    private static Finding rejection(Outcome up) {
        if (up.cause() == null) {
            return up.firmwareSkipsCall() ? Finding.ZERO_EXTENSIONS_OOB_READ : Finding.OTHER_VALID_INPUT_REJECTED;
        }
        return switch (up.cause()) {
            case "dependency-on-last" -> Finding.DEPENDENCY_ON_LAST_REJECTED;
            case "dependency-below-first" -> Finding.DEPENDENCY_BELOW_FIRST_REJECTED;
            case "dependency-above-last" -> Finding.DEPENDENCY_ABOVE_LAST_REJECTED;
            case "preloaded-with-dependencies" -> Finding.PRELOADED_WITH_DEPENDENCIES_REJECTED;
            case "dependency-not-found" -> Finding.DEPENDENCY_NOT_FOUND;
            default -> Finding.OTHER_VALID_INPUT_REJECTED;
        };
    }

    private static void failureSideEffects(Outcome up, int preloaded, Set<Finding> out) {
        for (int i = 0; i < up.ext().size(); i++) {
            if (up.ext().get(i).points().equals("null")) {
                out.add(Finding.FAILURE_NULLS_EXT_SLOTS);
            }
        }
        for (Outcome.LoaderSlot l : up.ldr()) {
            if (Boolean.FALSE.equals(l.live())) {
                out.add(Finding.FAILURE_FREES_LOADER_MAPS);
            }
        }
        if (up.heap().doubleFrees() > 0 || up.heap().invalidFrees() > 0) {
            out.add(Finding.FAILURE_DOUBLE_FREE);
        }
        if (up.heap().invalidReads() > 0) {
            out.add(Finding.FAILURE_READS_FREED_MEMORY);
        }
        if (up.list().size() < preloaded) {
            out.add(Finding.FAILURE_DROPS_PRELOADED);
        } else if (up.list().size() != preloaded) {
            out.add(Finding.FAILURE_CHANGES_LIST);
        }
        if (!up.heap().leaks().isEmpty()) {
            out.add(Finding.FAILURE_LEAKS);
        }
    }

    /** The contract's promises, checked on its own outcome: any hit is a twin bug. */
    private static void contractSelfCheck(Outcome co, int preloaded, Set<Finding> out) {
        if (!co.stage().equals("restore")) {
            return;
        }
        boolean broken = !co.heap().leaks().isEmpty() || co.heap().doubleFrees() > 0
                || co.heap().invalidFrees() > 0 || co.heap().invalidReads() > 0 || !co.ub().isEmpty();
        if (co.rc() != 0) {
            broken |= co.list().size() != preloaded;
            for (Outcome.Slot s : co.ext()) {
                broken |= !s.points().equals("copy");
            }
            for (Outcome.LoaderSlot l : co.ldr()) {
                broken |= !l.sectMap().equals("saved");
            }
        }
        if (broken) {
            out.add(Finding.CONTRACT_SELF_CHECK);
        }
    }

    private static boolean sameList(List<ExtState> a, List<ExtState> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            ExtState x = a.get(i);
            ExtState y = b.get(i);
            if (!x.name().equals(y.name()) || x.useCount() != y.useCount() || !x.depAt().equals(y.depAt())
                    || !x.depRefs().equals(y.depRefs()) || x.alloc() != y.alloc()) {
                return false;
            }
        }
        return true;
    }

    private static boolean namesakeBinding(Outcome up, int preloaded) {
        List<Integer> targets = new ArrayList<>();
        for (int i = preloaded; i < up.list().size(); i++) {
            targets.addAll(up.list().get(i).depAt());
        }
        return targets.stream().anyMatch(t -> t >= 0 && t < preloaded);
    }
}
