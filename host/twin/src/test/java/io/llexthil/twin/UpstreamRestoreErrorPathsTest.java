package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llexthil.twin.Fixtures.errors;
import static io.llexthil.twin.Fixtures.events;
import static io.llexthil.twin.Fixtures.extSlots;
import static io.llexthil.twin.Fixtures.ldrSlots;
import static io.llexthil.twin.Fixtures.prodCons;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error path of the seed's llext_restore, each with its outcome worked out by hand.
 *
 * <p>Common setup (Fixtures.prodCons): Cortex-M sizes (struct llext 208, section-map entry 8,
 * symbol 8, pointer 4). prod has 3 sections and exports 2 symbols; cons has 2 sections and
 * imports one of prod's. Loaded prod then cons, saved in list order: copy0 = prod,
 * copy1 = cons with dependency[0] = &copy0. After the reset the heap is fresh, so the
 * restore's allocations are blocks 1, 2, ... in call order (a failed call gets no block).
 * With ext[] = {&copy0, &copy1} upstream calls the allocator 7 times:
 * 1 map[] = 2 x 4 = 8; 2 map[0] = 3 x 8 = 24 (prod); 3 map[1] = 2 x 8 = 16 (cons);
 * 4 exp_tab[] = 1 x 4 = 4 (only prod exports); 5 exp_tab[0] = 2 x 8 = 16; 6 prod object 208;
 * 7 cons object 208.
 */
class UpstreamRestoreErrorPathsTest {

    private static Outcome upstream(Scenario s) {
        return Twin.predict(s, Profile.UPSTREAM);
    }

    @Test
    void success_path_is_the_baseline_the_error_paths_diverge_from() {
        Outcome o = upstream(prodCons(null, null));
        // All 7 allocations succeed; map[] (block 1) and exp_tab[] (block 4) are freed after use.
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc:3:16", "alloc:4:4", "alloc:5:16",
                "alloc:6:208", "alloc:7:208", "free:1:8", "free:4:4");
        assertThat(o.rc()).isZero();
        assertThat(o.classification()).isEqualTo("ok");
        // cons's dependency &copy0 is in [first = &copy0, last = &copy1): rebound by name to the new prod.
        assertThat(o.list()).extracting(ExtState::name, ExtState::useCount, ExtState::deps, ExtState::alloc)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prod", 2, List.of(), 208 + 16 + 24),
                        org.assertj.core.groups.Tuple.tuple("cons", 1, List.of("prod"), 208 + 16));
        assertThat(o.list().get(1).depRefs()).containsExactly("list");
        assertThat(extSlots(o)).containsExactly("heap6", "heap7");
        assertThat(ldrSlots(o)).containsExactly("0:heap2", "1:heap3");
        assertThat(o.heap().used()).isEqualTo(24 + 16 + 16 + 208 + 208);
        assertThat(o.heap().leaks()).isEmpty();
        assertThat(o.log()).extracting(l -> l.message()).contains("restore cons depends on prod");
    }

    @Test
    void map_array_allocation_fails() {
        // Call 1 returns NULL: `if (!map)` logs and returns -ENOMEM before anything else happens.
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(1)));
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(events(o)).containsExactly("alloc-null:0:8");
        assertThat(errors(o)).containsExactly("cannot allocate list of maps of 8");
        assertThat(extSlots(o)).containsExactly("copy0", "copy1");
        assertThat(ldrSlots(o)).containsExactly("0:saved", "1:saved");
        assertThat(o.list()).isEmpty();
        assertThat(o.classification()).isEqualTo("error");
    }

    @Test
    void sizes_come_from_the_target() {
        // x86-64 (illustrative sizes 352/16/16/8): map[] is 2 x 8 bytes, prod's map 3 x 16.
        Scenario s = new Scenario(TargetSizes.X86_64, null, List.of(Fixtures.PROD, Fixtures.CONS), null, null, null,
                null, null, FaultSpec.failAt(7));
        Outcome o = upstream(s);
        assertThat(events(o)).containsExactly("alloc:1:16", "alloc:2:48", "alloc:3:32", "alloc:4:8", "alloc:5:32",
                "alloc:6:352", "alloc-null:0:352", "free:6:352", "free:5:32", "free:4:8", "free:2:48", "free:3:32",
                "free:1:16");
        assertThat(errors(o)).containsExactly("cannot allocate LLEXT of 352");
    }

    @Test
    void first_section_map_allocation_fails() {
        // Call 2 (map[0], 24 bytes) fails with n_map = 0: free_map frees no map, then map[] itself.
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(2)));
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc-null:0:24", "free:1:8");
        assertThat(errors(o)).containsExactly("cannot allocate section map of 24");
        assertThat(extSlots(o)).containsExactly("copy0", "copy1");
        assertThat(o.heap().leaks()).isEmpty();
    }

    @Test
    void second_section_map_allocation_fails() {
        // Call 3 (map[1], 16 bytes) fails with n_map = 1: free_map frees map[0] (block 2), then map[].
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(3)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc-null:0:16", "free:2:24", "free:1:8");
        assertThat(errors(o)).containsExactly("cannot allocate section map of 16");
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(o.classification()).isEqualTo("error");
    }

    @Test
    void exported_table_list_allocation_fails() {
        // Call 4 (exp_tab[], 1 x 4 bytes) fails while n_exp_tab = 1: goto free_map with n_map = 2.
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(4)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc:3:16", "alloc-null:0:4",
                "free:2:24", "free:3:16", "free:1:8");
        assertThat(errors(o)).containsExactly("cannot allocate list of exported symbol tables of 4");
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
    }

    @Test
    void exported_table_allocation_fails() {
        // Call 5 (exp_tab[0], 2 x 8 bytes) fails: exp_tab[0] = NULL, goto free_sym. Its loop stops at
        // the NULL entry at once; exp_tab[] (block 4) is freed, then the maps and map[].
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(5)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc:3:16", "alloc:4:4",
                "alloc-null:0:16", "free:4:4", "free:2:24", "free:3:16", "free:1:8");
        assertThat(errors(o)).containsExactly("cannot allocate exported symbol table of 16");
        assertThat(o.heap().leaks()).isEmpty();
    }

    @Test
    void first_object_allocation_fails() {
        // Call 6 (prod's object) fails before anything was appended: free_llext finds no node of
        // ext[] in the (empty) list, free_sym frees exp_tab[0] (block 5) and exp_tab[], free_map the rest.
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(6)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc:3:16", "alloc:4:4", "alloc:5:16",
                "alloc-null:0:208", "free:5:16", "free:4:4", "free:2:24", "free:3:16", "free:1:8");
        assertThat(errors(o)).containsExactly("cannot allocate LLEXT of 208");
        assertThat(extSlots(o)).containsExactly("copy0", "copy1");
        assertThat(o.list()).isEmpty();
    }

    @Test
    void second_object_allocation_fails_and_nulls_the_first_slot() {
        // Call 7 (cons's object) fails after prod's object (block 6) was appended and stored in
        // ext[0]. free_llext frees it and sets ext[0] = NULL; ext[1] still points at copy1. No leak,
        // no double free: only the caller's ext[] is changed (the contract would leave it alone).
        Outcome o = upstream(prodCons(null, FaultSpec.failAt(7)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc:3:16", "alloc:4:4", "alloc:5:16",
                "alloc:6:208", "alloc-null:0:208", "free:6:208", "free:5:16", "free:4:4", "free:2:24", "free:3:16",
                "free:1:8");
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(extSlots(o)).containsExactly("null", "copy1");
        assertThat(ldrSlots(o)).containsExactly("0:saved", "1:saved");
        assertThat(o.list()).isEmpty();
        assertThat(o.heap().leaks()).isEmpty();
        assertThat(o.classification()).isEqualTo("error");
    }

    @Test
    void heap_too_small_for_the_second_object_takes_the_same_path() {
        // Heap of 480 bytes: after calls 1-6, 8 + 24 + 16 + 4 + 16 + 208 = 276 bytes are used and
        // 204 are free, so the 208-byte call 7 returns NULL: the path of the fault at k = 7.
        Scenario s = new Scenario(null, 480, List.of(Fixtures.PROD, Fixtures.CONS), null, null, null, null, null,
                null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(o.heap().events().get(6).detail()).startsWith("heap full");
        assertThat(extSlots(o)).containsExactly("null", "copy1");
    }

    @Test
    void exhaustion_threshold_fails_the_first_call_made_below_it() {
        // 16384-byte heap, exhaustBelow 16353: calls 1 and 2 find 16384 and 16376 free; call 3 finds
        // 16352 < 16353 and returns NULL: the path of the fault at k = 3.
        Outcome o = upstream(prodCons(null, new FaultSpec(0, 16353)));
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:24", "alloc-null:0:16", "free:2:24", "free:1:8");
    }

    @Test
    void reversed_order_puts_the_dependency_out_of_range_and_the_error_path_frees_twice() {
        // ext[] = {&copy1 (cons), &copy0 (prod)}: first = &copy1, last = &copy0. Allocations in ext[]
        // order: map[] b1 8, map[0] (cons) b2 16, map[1] (prod) b3 24, exp_tab[] b4 4,
        // exp_tab[0] (prod) b5 16, cons object b6, prod object b7. map[] and exp_tab[] are freed,
        // ldr[0] (cons's loader) gets b2, ldr[1] (prod's) b3. The dependency loop starts at cons:
        // &copy0 < first (and &copy0 == last too: the twin names the cause dependency-on-last) -> -EINVAL.
        // free_locked: free_llext frees b6, b7 and NULLs both ext[] slots;
        // free_sym reads the freed exp_tab[] (stale: b5), frees b5, frees exp_tab[] again (double free,
        // the board halts here: event 13); free_map reads the freed map[] twice, frees b2 and b3 (the
        // loaders now point at freed memory) and frees map[] again.
        Outcome o = upstream(prodCons(List.of(1, 0), null));
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.cause()).isEqualTo("dependency-on-last");
        assertThat(errors(o)).containsExactly("dependency out of range");
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:16", "alloc:3:24", "alloc:4:4", "alloc:5:16",
                "alloc:6:208", "alloc:7:208", "free:1:8", "free:4:4", "free:6:208", "free:7:208",
                "read-freed:4:4", "free:5:16", "double-free:4:4",
                "read-freed:1:8", "free:2:16", "read-freed:1:8", "free:3:24", "double-free:1:8");
        assertThat(o.crash()).isEqualTo(new Outcome.Crash(true, 13,
                "double-free of list of exported-symbol tables (exp_tab[]) at llext_restore: free_sym llext_free(exp_tab)"));
        assertThat(extSlots(o)).containsExactly("null", "null");
        assertThat(ldrSlots(o)).containsExactly("1:heap2(freed)", "0:heap3(freed)");
        assertThat(o.heap().doubleFrees()).isEqualTo(2);
        assertThat(o.heap().invalidReads()).isEqualTo(3);
        assertThat(o.heap().used()).isZero();
        assertThat(o.heap().leaks()).isEmpty();
        assertThat(o.list()).isEmpty();
        assertThat(o.classification()).isEqualTo("heap-corruption");
    }

    @Test
    void dependency_below_the_first_copy_is_out_of_range() {
        // Copies a, b (depends on a), c; ext[] = {&copy1, &copy0, &copy2}: first = &copy1, last = &copy2.
        // b's dependency &copy0 is below first (and not last) -> -EINVAL after all allocations.
        List<SavedCopy> copies = List.of(new SavedCopy("a", 2, 1, List.of("a_fn"), List.of()),
                new SavedCopy("b", 1, 1, List.of(), List.of(0)), new SavedCopy("c", 1, 1, List.of(), List.of()));
        Outcome o = upstream(new Scenario(null, null, null, null, null, null, List.of(1, 0, 2), copies, null));
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.cause()).isEqualTo("dependency-below-first");
        assertThat(extSlots(o)).containsExactly("null", "null", "null");
        assertThat(o.crash().crashes()).isTrue();
    }

    @Test
    void dependency_on_the_last_copy_is_out_of_range() {
        // ctx save cons prod: copy0 = cons (dependency[0] = &copy1), copy1 = prod; identity order, so
        // last = &copy1 and `dependency >= last` rejects the one dependency there is. Same
        // allocations and error path as the test above (cons first, prod second).
        Scenario s = new Scenario(null, null, List.of(Fixtures.PROD, Fixtures.CONS), null, List.of("cons", "prod"),
                null, null, null, null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.cause()).isEqualTo("dependency-on-last");
        assertThat(o.crash().event()).isEqualTo(13);
        assertThat(ldrSlots(o)).containsExactly("0:heap2(freed)", "1:heap3(freed)");
        assertThat(Twin.predict(s, Profile.CONTRACT).rc()).isZero();
    }

    @Test
    void dependency_in_range_but_not_restored_is_not_found() {
        // Copies a, b, c (1 section each, no exports), c depends on b; ext[] = {&copy0, &copy2} leaves
        // b out. Calls: map[] b1 8, map[0] b2 8, map[1] b3 8, exp_tab[] of 0 bytes (NULL, not an error
        // since n_exp_tab = 0), a's object b4, c's object b5; map[] freed, llext_free(NULL) is a no-op.
        // c's &copy1 lies in [&copy0, &copy2), llext_by_name("b") finds nothing -> -EFAULT. free_llext
        // frees b4, b5; free_sym has nothing; free_map reads freed map[] twice and frees map[] again.
        List<SavedCopy> copies = List.of(new SavedCopy("a", 1, 1, List.of(), List.of()),
                new SavedCopy("b", 1, 1, List.of(), List.of()), new SavedCopy("c", 1, 1, List.of(), List.of(1)));
        Scenario s = new Scenario(null, null, null, null, null, null, List.of(0, 2), copies, null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.EFAULT);
        assertThat(errors(o)).containsExactly("dependency not found");
        assertThat(events(o)).containsExactly("alloc:1:8", "alloc:2:8", "alloc:3:8", "alloc-null:0:0",
                "alloc:4:208", "alloc:5:208", "free:1:8", "free:4:208", "free:5:208",
                "read-freed:1:8", "free:2:8", "read-freed:1:8", "free:3:8", "double-free:1:8");
        assertThat(o.crash().event()).isEqualTo(13);
        assertThat(extSlots(o)).containsExactly("null", "null");
        Outcome contract = Twin.predict(s, Profile.CONTRACT);
        assertThat(contract.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(contract.heap().events()).isEmpty();
    }

    @Test
    void preloaded_extension_with_a_dependency_fails_the_loop_and_is_dropped_from_the_list() {
        // After the reset p0 (exports p0_fn) and p1 (imports it) are loaded: p0 = b1 208, b2 8, b4 8;
        // p1 = b5 208, b6 8 (b3 and b7 are their load-time symbol tables, freed at the end of each
        // load). Restoring e0 (1 section, no exports): map[] b8 4, map[0] b9 8, exp_tab[] 0 bytes ->
        // NULL, e0's object b10; map[] freed. The dependency loop starts at the list head:
        // p1's dependency is p0's heap object, outside [&copy0, &copy0) -> -EINVAL. free_llext walks
        // p0, p1 (not in ext[]) and removes e0 with sys_slist_remove(list, NULL, node): head = e0->next
        // = NULL and, e0 being the tail, tail = head = NULL. p0 and p1 are gone from the list, their
        // 440 bytes leak. free_map then reads the freed map[], frees b9 and frees map[] again.
        ExtensionSpec p0 = new ExtensionSpec("p0", List.of("p0_fn"), List.of(), 1);
        ExtensionSpec p1 = new ExtensionSpec("p1", List.of(), List.of("p0_fn"), 1);
        ExtensionSpec e0 = new ExtensionSpec("e0", List.of(), List.of(), 1);
        Scenario s = new Scenario(null, null, List.of(e0, p0, p1), List.of("e0"), null, List.of("p0", "p1"), null,
                null, null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(o.cause()).isEqualTo("preloaded-with-dependencies");
        assertThat(events(o)).containsExactly("alloc:8:4", "alloc:9:8", "alloc-null:0:0", "alloc:10:208",
                "free:8:4", "free:10:208", "read-freed:8:4", "free:9:8", "double-free:8:4");
        assertThat(o.crash().event()).isEqualTo(8);
        assertThat(o.list()).isEmpty();
        assertThat(o.heap().leaks()).extracting(Outcome.Block::block).containsExactly(1, 2, 4, 5, 6);
        assertThat(o.heap().used()).isEqualTo(440);
        Outcome contract = Twin.predict(s, Profile.CONTRACT);
        assertThat(contract.rc()).isZero();
        assertThat(contract.list()).extracting(ExtState::name).containsExactly("p0", "p1", "e0");
        assertThat(contract.list().get(1).deps()).containsExactly("p0");
    }

    @Test
    void extension_without_sections_cannot_be_restored() {
        // map[0] = llext_alloc(8 x 0): sys_heap returns NULL for 0 bytes, the code takes it for an
        // allocation failure.
        Scenario s = new Scenario(null, null, null, null, null, null, null,
                List.of(new SavedCopy("z", 1, 0, List.of(), List.of())), null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(events(o)).containsExactly("alloc:1:4", "alloc-null:0:0", "free:1:4");
        assertThat(errors(o)).containsExactly("cannot allocate section map of 0");
        assertThat(Twin.predict(s, Profile.CONTRACT).rc()).isZero();
    }

    @Test
    void zero_extensions_read_out_of_bounds_then_fail_on_the_null_map_list() {
        // n_ext = 0: map = llext_alloc(0) is NULL; first = ext[0] and last = ext[n_ext - 1] =
        // ext[4294967295] are read out of bounds (before the NULL check); then -ENOMEM.
        Scenario s = new Scenario(null, null, null, null, null, null, List.of(), List.of(), null);
        Outcome o = upstream(s);
        assertThat(o.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(o.firmwareSkipsCall()).isTrue();
        assertThat(events(o)).containsExactly("alloc-null:0:0");
        assertThat(errors(o)).containsExactly("cannot allocate list of maps of 0");
        assertThat(o.ub()).extracting(u -> u.detail()).satisfiesExactly(
                d -> assertThat(d).startsWith("ext[0] read"),
                d -> assertThat(d).startsWith("ext[4294967295] read"));
        assertThat(o.classification()).isEqualTo("undefined-behaviour");
        Outcome contract = Twin.predict(s, Profile.CONTRACT);
        assertThat(contract.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(contract.ub()).isEmpty();
    }

    @Test
    void eight_dependencies_read_one_slot_past_the_array_in_relink_and_restore() {
        // d0..d8 each export one symbol; x imports all nine. The load records d0..d7 in the eight
        // slots and drops d8 (its use count stays 1). With every slot used, the loop condition
        // `dependency[j] && j < 8` reads dependency[8] (sect_cnt = 1, non-NULL) before j < 8 ends the
        // loop: once in llext_relink_dependency (x's copy), once in llext_restore (x's new object).
        List<ExtensionSpec> exts = new java.util.ArrayList<>();
        List<String> imports = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            exts.add(new ExtensionSpec("d" + i, List.of("d" + i + "_fn"), List.of(), 1));
            imports.add("d" + i + "_fn");
        }
        exts.add(new ExtensionSpec("x", List.of(), imports, 1));
        Outcome o = upstream(new Scenario(null, null, exts, null, null, null, null, null, null));
        assertThat(o.rc()).isZero();
        assertThat(o.ub()).extracting(u -> u.site()).containsExactly(
                "llext_relink_dependency: dependency loop", "llext_restore: dependency loop");
        assertThat(o.list().get(9).deps()).containsExactly("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7");
        assertThat(o.list().get(8).useCount()).isEqualTo(1);
        assertThat(o.list().get(7).useCount()).isEqualTo(2);
        assertThat(o.classification()).isEqualTo("undefined-behaviour");
        assertThat(Twin.predict(new Scenario(null, null, exts, null, null, null, null, null, null),
                Profile.CONTRACT).ub()).isEmpty();
    }
}
