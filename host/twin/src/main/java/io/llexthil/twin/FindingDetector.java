package io.llexthil.twin;

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
        return detect(Observation.of(up), Observation.of(co), preloaded);
    }

    static Set<Finding> detect(Observation up, Observation co, int preloaded) {
        Set<Finding> out = EnumSet.noneOf(Finding.class);
        if (contractBroken(co, preloaded)) {
            out.add(Finding.CONTRACT_SELF_CHECK);
        }
        if (!up.stage().equals("restore") || !co.stage().equals("restore")) {
            return out;
        }
        if (up.zeroExtRead()) {
            out.add(Finding.ZERO_EXTENSIONS_OOB_READ);
        }
        if (up.slotRead()) {
            out.add(Finding.DEPENDENCY_SLOT_OOB_READ);
        }
        if (up.rc() != 0 && co.rc() == 0 && !up.injected()) {
            out.add(rejection(up));
        }
        boolean contractRejected = co.rc() != 0 && co.rc() != -Errno.ENOMEM;
        if (up.rc() == 0 && contractRejected) {
            out.add(Finding.INVALID_INPUT_ACCEPTED);
        }
        if (up.rc() == 0 && co.rc() == 0) {
            if (!up.list().equals(co.list())) {
                out.add(namesakeBinding(up.depAt(), preloaded) ? Finding.DEPENDENCY_BOUND_TO_PRELOADED_NAMESAKE
                        : Finding.SUCCESS_STATE_DIFFERS);
            }
            if (up.leaks() > 0) {
                out.add(Finding.SUCCESS_LEAKS);
            }
        }
        if (up.rc() != 0 && !up.firmwareSkips()) {
            failureSideEffects(up, preloaded, out);
        }
        return out;
    }

    private static Finding rejection(Observation up) {
        if (up.cause() == null) {
            return up.firmwareSkips() ? Finding.ZERO_EXTENSIONS_OOB_READ : Finding.OTHER_VALID_INPUT_REJECTED;
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

    private static void failureSideEffects(Observation up, int preloaded, Set<Finding> out) {
        if (up.extNulled()) {
            out.add(Finding.FAILURE_NULLS_EXT_SLOTS);
        }
        if (up.ldrDangling()) {
            out.add(Finding.FAILURE_FREES_LOADER_MAPS);
        }
        if (up.badFree()) {
            out.add(Finding.FAILURE_DOUBLE_FREE);
        }
        if (up.readFreed()) {
            out.add(Finding.FAILURE_READS_FREED_MEMORY);
        }
        if (up.listSize() < preloaded) {
            out.add(Finding.FAILURE_DROPS_PRELOADED);
        } else if (up.listSize() != preloaded) {
            out.add(Finding.FAILURE_CHANGES_LIST);
        }
        if (up.leaks() > 0) {
            out.add(Finding.FAILURE_LEAKS);
        }
    }

    /** The contract's promises, checked on its own outcome: any hit is a twin bug. */
    private static boolean contractBroken(Observation co, int preloaded) {
        if (!co.stage().equals("restore")) {
            return false;
        }
        boolean broken = co.leaks() > 0 || co.badFree() || co.readFreed() || co.anyUb();
        if (co.rc() != 0) {
            broken |= co.listSize() != preloaded || co.extChanged() || co.ldrChanged();
        }
        return broken;
    }

    /** A restored extension's dependency points at a list position before the restored ones. */
    private static boolean namesakeBinding(List<List<Integer>> depAt, int preloaded) {
        for (int i = preloaded; i < depAt.size(); i++) {
            for (int t : depAt.get(i)) {
                if (t >= 0 && t < preloaded) {
                    return true;
                }
            }
        }
        return false;
    }
}
