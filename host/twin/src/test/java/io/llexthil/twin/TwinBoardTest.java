package io.llexthil.twin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llexthil.twin.Fixtures.CONS;
import static io.llexthil.twin.Fixtures.PROD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The firmware orchestration around save/restore, step by step (Cortex-M sizes, 16 KiB heap). */
class TwinBoardTest {
    private final TwinBoard board = new TwinBoard(Profile.UPSTREAM, TargetSizes.CORTEX_M, 16384);

    @Test
    void load_allocates_struct_map_and_exports_and_records_dependencies() {
        assertThat(board.load(PROD).rc()).isZero();
        StepResult r = board.load(CONS);
        assertThat(r.rc()).isZero();
        // prod: 208 + 3 x 8 + 2 x 8; cons: 208 + 2 x 8 (no exports, no table allocated), and while
        // loading a one-entry symbol table (its own function), freed at the end of the load
        assertThat(r.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:5:208", "alloc:6:16", "alloc:7:8", "free:7:8");
        assertThat(r.list()).extracting(ExtState::name, ExtState::useCount, ExtState::deps, ExtState::alloc)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", 2, List.of(), 248),
                        tuple("cons", 1, List.of("prod"), 224));
        assertThat(r.heapUsed()).isEqualTo(472);
    }

    @Test
    void duplicate_name_returns_the_previous_use_count_without_allocating() {
        board.load(PROD);
        StepResult again = board.load(PROD);
        assertThat(again.rc()).isEqualTo(1);
        assertThat(again.heapEvents()).isEmpty();
        assertThat(board.load(PROD).rc()).isEqualTo(2);
        assertThat(board.list().get(0).useCount()).isEqualTo(3);
    }

    @Test
    void first_exporting_extension_in_list_order_wins_and_a_dependency_is_recorded_once() {
        board.load(new ExtensionSpec("a", List.of("f", "g"), List.of(), 1));
        board.load(new ExtensionSpec("b", List.of("f"), List.of(), 1));
        board.load(new ExtensionSpec("c", List.of(), List.of("f", "g"), 1));
        assertThat(board.list()).extracting(ExtState::name, ExtState::useCount, ExtState::deps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2, List.of()),
                        org.assertj.core.groups.Tuple.tuple("b", 1, List.of()),
                        org.assertj.core.groups.Tuple.tuple("c", 1, List.of("a")));
    }

    @Test
    void unresolved_import_frees_map_then_struct_and_the_dependency_found_before_keeps_its_count() {
        board.load(PROD);
        // prod holds blocks 1 (struct), 2 (map), 4 (table; 3 was its load-time symbol table).
        // llext_load: struct (block 5), section map (6), symbol table (7: x, 8 bytes); llext_link
        // resolves p_get against prod and llext_dependency_add counts it (prod 2); "nobody" has no
        // exporter: -ENODATA before the exported table is allocated; the out: path frees the map
        // (llext_free_inspection_data) and the symbol table, llext_load the struct. Nothing undoes the
        // dependency: prod keeps the count the failed load added.
        StepResult r = board.load(new ExtensionSpec("lost", List.of("x"), List.of("p_get", "nobody"), 2));
        assertThat(r.rc()).isEqualTo(-Errno.ENODATA);
        assertThat(r.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:5:208", "alloc:6:16", "alloc:7:8", "free:6:16", "free:7:8", "free:5:208");
        assertThat(board.list()).extracting(ExtState::name, ExtState::useCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", 2));
    }

    @Test
    void load_failing_at_an_allocation_frees_what_it_allocated() {
        board.faultAlloc(2);
        StepResult r = board.load(PROD);
        assertThat(r.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(r.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:1:208", "alloc-null:0:24", "free:1:208");
        assertThat(board.heap().used()).isZero();
        assertThat(board.list()).isEmpty();
    }

    @Test
    void names_longer_than_15_characters_are_refused() {
        assertThat(board.load(new ExtensionSpec("sixteen_chars_xx", List.of(), List.of(), 1)).rc())
                .isEqualTo(-Errno.ENAMETOOLONG);
    }

    @Test
    void unload_in_dependency_order_frees_map_then_table_then_struct() {
        board.load(PROD);                               // blocks 1 struct, 2 map, (3 symbols, freed), 4 table
        board.load(CONS);                               // blocks 5 struct, 6 map, (7 freed); prod's count 2
        StepResult r = board.unload("cons");
        assertThat(r.rc()).isZero();
        assertThat(r.useCount()).isZero();
        // last reference: llext_free_inspection_data (map), then llext_unload: prod's count 2 -> 1,
        // exported table (cons has none: llext_free(NULL)), struct
        assertThat(r.heapEvents()).extracting(Fixtures::event).containsExactly("free:6:16", "free:5:208");
        assertThat(r.list()).extracting(ExtState::name, ExtState::useCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", 1));
        StepResult p = board.unload("prod");
        assertThat(p.heapEvents()).extracting(Fixtures::event).containsExactly("free:2:24", "free:4:16", "free:1:208");
        assertThat(board.heap().used()).isZero();
        assertThat(board.unload("nope").rc()).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void a_dependency_still_in_use_only_loses_a_count() {
        board.load(PROD);
        board.load(CONS);
        StepResult r = board.unload("prod");            // count 2 -> 1: llext_unload returns 1
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.useCount()).isEqualTo(1);
        assertThat(r.heapEvents()).isEmpty();
    }

    @Test
    void a_dependency_unloaded_to_zero_while_depended_on_is_listed_as_dangling() {
        // fuzz seed 251659234792662: prod 2 -> 1 -> 0 is freed while cons still points at it; the
        // boards report the dangling pointer as "?" instead of reading the name from freed memory
        board.load(PROD);
        board.load(CONS);
        board.unload("prod");
        assertThat(board.unload("prod").rc()).isZero();
        assertThat(board.list()).extracting(ExtState::name, ExtState::deps)
                .containsExactly(tuple("cons", List.of("?")));
    }

    @Test
    void unloading_the_dependent_after_its_dependency_underruns_the_count_and_asserts() {
        board.load(PROD);
        board.load(CONS);
        board.unload("prod");                           // prod 2 -> 1: only cons's use is left
        StepResult r = board.unload("cons");
        // cons: map freed (inspection data), unlinked, then llext_dependency_remove_all: prod 1 -> 0 and
        // __ASSERT(use_count, "LLEXT dependency use-count underrun!") halts a CONFIG_ASSERT board
        assertThat(r.crashes()).isTrue();
        assertThat(r.crashEvent()).isNull();
        assertThat(r.log()).extracting(LogLineView::of).containsExactly(
                "assert llext_dependency_remove_all LLEXT dependency use-count underrun! ('prod', a dependency of 'cons')");
        assertThat(r.heapEvents()).extracting(Fixtures::event).containsExactly("free:6:16");
        assertThat(board.halted()).isTrue();
    }

    /** A log line as one string: level, function, message. */
    private record LogLineView() {
        static String of(io.llexthil.twin.model.LogLine l) {
            return l.level() + " " + l.function() + " " + l.message();
        }
    }

    @Test
    void save_of_a_set_missing_a_dependency_fails_in_relink_and_keeps_the_previous_context() {
        board.load(PROD);
        board.load(CONS);
        assertThat(board.save(List.of("prod")).rc()).isZero();
        SavedContext before = board.saved();
        assertThat(board.save(List.of("cons")).rc()).isEqualTo(-Errno.ENOENT);
        assertThat(board.saved()).isSameAs(before);
        assertThat(board.save(List.of("ghost")).rc()).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void save_reset_restore_reproduces_list_and_heap_and_unload_frees_everything() {
        board.load(PROD);
        board.load(CONS);
        List<ExtState> before = board.list();
        int used = board.heap().used();
        StepResult save = board.save(List.of());
        assertThat(save.rc()).isZero();
        assertThat(save.heapEvents()).isEmpty();
        assertThat(board.saved().copies()).extracting(SavedCopy::name, SavedCopy::deps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", List.of()),
                        tuple("cons", List.of(0)));
        board.reset();
        assertThat(board.list()).isEmpty();
        assertThat(board.heap().used()).isZero();
        StepResult r = board.restore(null);
        assertThat(r.rc()).isZero();
        assertThat(r.crashes()).isFalse();
        assertThat(r.list()).extracting(ExtState::name, ExtState::useCount, ExtState::deps, ExtState::alloc)
                .containsExactlyElementsOf(before.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.name(), e.useCount(), e.deps(), e.alloc()))
                        .toList());
        assertThat(board.heap().used()).isEqualTo(used);
        // unloading cons releases its dependency: prod's restored use count 2 drops to 1
        assertThat(board.unload("cons").rc()).isZero();
        assertThat(board.list()).extracting(ExtState::useCount).containsExactly(1);
        assertThat(board.unload("prod").rc()).isZero();
        assertThat(board.heap().used()).isZero();
        assertThat(board.leaks()).isEmpty();
    }

    @Test
    void restore_checks_its_input_as_the_firmware_does() {
        assertThat(board.restore(null).rc()).isEqualTo(-Errno.ENOENT);
        board.save(List.of());
        board.reset();
        StepResult empty = board.restore(null);
        assertThat(empty.rc()).isZero();
        assertThat(empty.heapEvents()).isEmpty();
        board.load(PROD);
        board.load(CONS);
        board.save(List.of());
        board.reset();
        assertThat(board.restore(List.of(0, 0)).rc()).isEqualTo(-Errno.EINVAL);
        assertThat(board.restore(List.of(0)).rc()).isEqualTo(-Errno.EINVAL);
        assertThat(board.heap().allocCalls()).isZero();
    }

    @Test
    void a_restored_extension_unloads_and_reloads() {
        board.load(PROD);
        board.save(List.of());
        board.reset();
        assertThat(board.restore(null).rc()).isZero();
        // the restored prod holds the struct, the exported table and (through its loader) the map
        // llext_restore allocated: 5 calls (map[], map[0], exp_tab[], exp_tab[0], struct), of which
        // map[] and exp_tab[] were freed again
        assertThat(board.heap().allocCalls()).isEqualTo(5);
        StepResult un = board.unload("prod");
        assertThat(un.useCount()).isZero();
        // inspection data (the map restore allocated), then the exported table, then the struct
        assertThat(un.heapEvents()).extracting(e -> e.kind() + ":" + e.size())
                .containsExactly("free:24", "free:16", "free:208");
        assertThat(board.heap().used()).isZero();
        // loading the name again is a fresh load: new struct, map, (load-time symbol table) and table, count 1
        StepResult again = board.load(PROD);
        assertThat(again.rc()).isZero();
        assertThat(again.useCount()).isEqualTo(1);
        assertThat(again.heapEvents()).extracting(e -> e.kind() + ":" + e.size())
                .containsExactly("alloc:208", "alloc:24", "alloc:16", "alloc:16", "free:16");
    }

    @Test
    void restore_beside_a_loaded_namesake_then_unload_frees_the_first_one() {
        board.load(PROD);
        board.save(List.of());
        assertThat(board.restore(null).rc()).isZero();       // no reset: prod is listed twice
        assertThat(board.list()).extracting(ExtState::name, ExtState::useCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", 1),
                        org.assertj.core.groups.Tuple.tuple("prod", 1));
        String firstAddress = board.list().get(0).address();
        StepResult un = board.unload("prod");
        // llext_by_name finds the one listed first (loaded before the restore) and frees it: 0
        assertThat(un.rc()).isZero();
        assertThat(un.useCount()).isZero();
        assertThat(un.list()).hasSize(1);
        assertThat(un.list().get(0).address()).isNotEqualTo(firstAddress);
        assertThat(un.list().get(0).useCount()).isEqualTo(1);
    }

    @Test
    void a_double_free_halts_the_board_until_reset() {
        board.load(PROD);
        board.load(CONS);
        board.save(List.of());
        board.reset();
        StepResult r = board.restore(List.of(1, 0));
        assertThat(r.rc()).isEqualTo(-Errno.EINVAL);
        assertThat(r.crashes()).isTrue();
        // Zephyr heap (small: 32-bit, 16 KiB): exp_tab[] is 4 bytes = 1 unit at unit 17, freed alone into
        // bucket 0, so its first word now holds FREE_PREV = FREE_NEXT = 17: exp_tab[0] reads 0x00110011
        // and llext_free() of it is the first invalid free (outside the heap), not a double free of
        // the table as with the old contents
        assertThat(r.heapEvents().get(r.crashEvent() - 1).detail()).isEqualTo("exp_tab[0] = 0x110011");
        assertThat(r.heapEvents().get(r.crashEvent()).kind()).isEqualTo("invalid-free");
        assertThat(r.heapEvents().get(r.crashEvent()).address()).isEqualTo(0x0011_0011L);
        assertThat(board.halted()).isTrue();
        assertThatThrownBy(() -> board.load(PROD)).isInstanceOf(TwinBoardHaltedException.class)
                .hasMessageContaining("load prod");
        board.reset();
        assertThat(board.halted()).isFalse();
        assertThat(board.restore(null).rc()).isZero();
    }

    @Test
    void fault_point_counts_every_allocator_call_including_zero_byte_ones() {
        // cons alone: map[] 4, map[0] 16, exp_tab[] of 0 bytes (call 3), object 208 (call 4).
        board.load(new ExtensionSpec("solo", List.of(), List.of(), 2));
        board.save(List.of());
        board.reset();
        board.faultAlloc(4);
        StepResult r = board.restore(null);
        assertThat(r.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(r.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:1:4", "alloc:2:16", "alloc-null:0:0", "alloc-null:0:208", "free:2:16",
                        "free:1:4");
        assertThat(r.heapEvents().get(3).detail()).isEqualTo("injected fault");
    }

    @Test
    void state_is_serialisable() throws Exception {
        board.load(PROD);
        board.save(List.of());
        String json = TwinJson.write(board.state());
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("exts").get(0).get("name").asText()).isEqualTo("prod");
        assertThat(tree.get("heap").get("used").asInt()).isEqualTo(248);
        assertThat(tree.get("saved").get("copies").get(0).get("use_count").asInt()).isEqualTo(1);
    }
}
