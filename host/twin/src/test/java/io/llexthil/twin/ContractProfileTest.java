package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llexthil.twin.Fixtures.events;
import static io.llexthil.twin.Fixtures.extSlots;
import static io.llexthil.twin.Fixtures.prodCons;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract profile: validate first, allocate per extension (object, section map, exported
 * table), roll back in reverse on the first NULL, commit only when nothing can fail.
 */
class ContractProfileTest {

    @Test
    void allocation_failure_rolls_back_everything_in_reverse_and_leaves_ext_alone() {
        // prod: object b1 208, map b2 24, table b3 16; cons: object b4 208, map (call 5) fails.
        Outcome o = Twin.predict(prodCons(null, FaultSpec.failAt(5)), Profile.CONTRACT);
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(events(o)).containsExactly("alloc:1:208", "alloc:2:24", "alloc:3:16", "alloc:4:208",
                "alloc-null:0:16", "free:4:208", "free:3:16", "free:2:24", "free:1:208");
        assertThat(extSlots(o)).containsExactly("copy0", "copy1");
        assertThat(o.list()).isEmpty();
        assertThat(o.classification()).isEqualTo("error");
    }

    @Test
    void any_order_of_a_closed_set_restores_and_binds_dependencies_to_the_new_objects() {
        Outcome o = Twin.predict(prodCons(List.of(1, 0), null), Profile.CONTRACT);
        assertThat(o.rc()).isZero();
        assertThat(o.list()).extracting(ExtState::name).containsExactly("cons", "prod");
        assertThat(o.list().get(0).depAt()).containsExactly(1);
        assertThat(o.heap().used()).isEqualTo(208 + 16 + 208 + 24 + 16);
    }

    @Test
    void namesake_loaded_before_the_call_is_not_taken_for_the_restored_dependency() {
        Scenario s = new Scenario(null, null, List.of(Fixtures.PROD, Fixtures.CONS), null, null, List.of("prod"), null,
                null, null);
        Outcome contract = Twin.predict(s, Profile.CONTRACT);
        Outcome upstream = Twin.predict(s, Profile.UPSTREAM);
        // list: prod (loaded before), prod (restored), cons (restored)
        assertThat(contract.list().get(2).depAt()).containsExactly(1);
        assertThat(upstream.list().get(2).depAt()).containsExactly(0);
        assertThat(FindingDetector.detect(upstream, contract, 1))
                .contains(Finding.DEPENDENCY_BOUND_TO_PRELOADED_NAMESAKE);
    }

    @Test
    void repeated_copy_in_ext_is_rejected_without_side_effects() {
        Outcome o = Twin.predict(prodCons(List.of(0, 0), null), Profile.CONTRACT);
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.heap().events()).isEmpty();
    }
}
