package io.llexthil.twin;

import io.llexthil.twin.model.HeapModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties over seeded random scenarios (plain JUnit, fixed seeds: failures replay exactly). */
class RestorePropertiesTest {
    private static final int RUNS = 3000;

    @Test
    void contract_never_leaks_double_frees_or_changes_ext_ldr_or_list_on_failure() {
        RandomScenarios gen = new RandomScenarios(20250606L);
        int failures = 0;
        for (int run = 0; run < RUNS; run++) {
            RandomScenarios.Generated g = gen.next(true, true, true);
            Outcome o = Twin.predict(g.scenario(), Profile.CONTRACT);
            String where = TwinJson.writeCompact(g.scenario());
            if (!o.stage().equals("restore")) {
                continue;
            }
            assertThat(o.heap().leaks()).as(where).isEmpty();
            assertThat(o.heap().doubleFrees() + o.heap().invalidFrees() + o.heap().invalidReads()).as(where).isZero();
            assertThat(o.ub()).as(where).isEmpty();
            if (o.rc() != 0) {
                failures++;
                List<Integer> order = g.scenario().order();
                for (Outcome.Slot slot : o.ext()) {
                    assertThat(slot.points()).as(where).isEqualTo("copy");
                    assertThat(slot.copy()).as(where).isEqualTo(order.get(slot.slot()));
                }
                assertThat(o.ldr()).as(where).allSatisfy(l -> assertThat(l.sectMap()).isEqualTo("saved"));
                assertThat(o.list()).as(where).hasSize(g.preloaded());
            }
        }
        assertThat(failures).as("the generator must exercise failures").isGreaterThan(RUNS / 10);
    }

    @Test
    void successful_restore_lists_every_saved_extension_once_with_dependencies_bound_by_name() {
        for (Profile profile : Profile.values()) {
            RandomScenarios gen = new RandomScenarios(4_2_0L);
            int successes = 0;
            for (int run = 0; run < RUNS; run++) {
                RandomScenarios.Generated g = gen.next(true, true, true);
                Outcome o = Twin.predict(g.scenario(), profile);
                if (!o.stage().equals("restore") || o.rc() != 0) {
                    continue;
                }
                successes++;
                String where = profile + " " + TwinJson.writeCompact(g.scenario());
                SavedContext ctx = savedContext(g.scenario(), profile);
                List<ExtState> restored = o.list().subList(g.preloaded(), o.list().size());
                assertThat(restored).as(where).extracting(ExtState::name).containsExactlyInAnyOrderElementsOf(
                        ctx.copies().stream().map(SavedCopy::name).toList());
                Map<String, List<String>> savedDeps = new HashMap<>();
                for (SavedCopy c : ctx.copies()) {
                    savedDeps.put(c.name(), c.deps().stream().map(d -> ctx.copies().get(d).name()).toList());
                }
                for (ExtState e : restored) {
                    assertThat(e.deps()).as(where + " deps of " + e.name()).isEqualTo(savedDeps.get(e.name()));
                    assertThat(e.depRefs()).as(where).allSatisfy(r -> assertThat(r).isEqualTo("list"));
                }
            }
            assertThat(successes).as(profile + " must exercise successes").isGreaterThan(RUNS / 10);
        }
    }

    /**
     * relink then restore, no faults, no pre-loaded extensions, saved set closed under dependencies:
     * the contract always restores. Upstream does not: it restores exactly when every dependency's
     * copy lies in [ext[0], ext[n_ext-1]) by address — a finding, pinned down here. With the
     * firmware's defaults (save in list order, identity order) that always holds, because a
     * dependency is loaded, hence saved, before its dependents and so is never the last copy.
     */
    @Test
    void closed_sets_restore_under_contract_and_under_upstream_exactly_when_dependencies_are_in_range() {
        RandomScenarios gen = new RandomScenarios(5_4177_47L);
        int upstreamFailures = 0;
        for (int run = 0; run < RUNS; run++) {
            RandomScenarios.Generated g = gen.next(false, false, true);
            if (!g.closed()) {
                continue;
            }
            Scenario s = g.scenario();
            String where = TwinJson.writeCompact(s);
            Outcome contract = Twin.predict(s, Profile.CONTRACT);
            Outcome upstream = Twin.predict(s, Profile.UPSTREAM);
            assertThat(contract.rc()).as(where).isZero();
            SavedContext ctx = savedContext(s, Profile.UPSTREAM);
            List<Integer> order = s.order();
            int first = order.get(0);
            int last = order.get(order.size() - 1);
            boolean inRange = true;
            for (SavedCopy c : ctx.copies()) {
                for (int d : c.deps()) {
                    inRange &= d >= first && d < last;
                }
            }
            assertThat(upstream.rc()).as(where).isEqualTo(inRange ? 0 : -Errno.EINVAL);
            if (!inRange) {
                upstreamFailures++;
            }
            boolean firmwareDefaults = s.saved() == null && isIdentity(order);
            if (firmwareDefaults) {
                assertThat(upstream.rc()).as(where).isZero();
            }
        }
        assertThat(upstreamFailures).as("the finding must show up").isGreaterThan(0);
    }

    private static boolean isIdentity(List<Integer> order) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    /** The context the scenario's load + ctx save produces. */
    private static SavedContext savedContext(Scenario s, Profile profile) {
        TwinBoard b = new TwinBoard(profile, s.targetOrDefault(), s.heapOrDefault(), HeapModel.REQUESTED);
        for (String name : s.beforeOrAll()) {
            b.load(s.extension(name));
        }
        assertThat(b.save(s.saved() == null ? new ArrayList<>() : s.saved()).rc()).isZero();
        return b.saved();
    }
}
