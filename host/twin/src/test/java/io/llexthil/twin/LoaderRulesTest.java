package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader rules learnt from the real-LLEXT board (docs/zephyr.md, D2 and D3), worked out by hand
 * from llext_load.c and llext_experimental.c.
 */
class LoaderRulesTest {

    @Test
    void a_hidden_global_function_sizes_the_load_time_symbol_table_so_the_third_allocation_is_its() {
        // noexp on the real board: no .exported_sym entry, one hidden global function. llext_load:
        // struct (1), section map (2), llext_allocate_symtab 1 x 8 bytes (3) -> the injected fault:
        // -ENOMEM; the out: path frees the map, llext_load the struct.
        TwinBoard board = new TwinBoard(Profile.UPSTREAM, TargetSizes.CORTEX_M, 16384);
        board.faultAlloc(3);
        StepResult r = board.load(new ExtensionSpec("noexp", List.of(), List.of(), 20, 1));
        assertThat(r.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(r.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:1:208", "alloc:2:160", "alloc-null:0:8", "free:2:160", "free:1:208");
        assertThat(board.heap().allocCalls()).isEqualTo(3);
        assertThat(board.list()).isEmpty();
        // fault-free: the table is allocated and freed again, nothing exported, struct and map kept
        TwinBoard clean = new TwinBoard(Profile.UPSTREAM, TargetSizes.CORTEX_M, 16384);
        StepResult ok = clean.load(new ExtensionSpec("noexp", List.of(), List.of(), 20, 1));
        assertThat(ok.rc()).isZero();
        assertThat(ok.heapEvents()).extracting(Fixtures::event)
                .containsExactly("alloc:1:208", "alloc:2:160", "alloc:3:8", "free:3:8");
        assertThat(clean.heap().allocs()).isEqualTo(2);
    }

    @Test
    void an_image_with_no_global_function_or_object_cannot_be_loaded() {
        // sym_cnt 0: llext_alloc_data(0), which sys_heap answers with NULL: -ENOMEM
        TwinBoard board = new TwinBoard(Profile.UPSTREAM, TargetSizes.CORTEX_M, 16384);
        StepResult r = board.load(new ExtensionSpec("empty", List.of(), List.of(), 5, 0));
        assertThat(r.rc()).isEqualTo(-Errno.ENOMEM);
        assertThat(r.heapEvents()).extracting(e -> e.kind().toString()).containsExactly("alloc", "alloc",
                "alloc-null", "free", "free");
    }

    /** chain0..chain7 export one function each; chain8 imports all eight (every dependency slot used). */
    private static StepResult saveChainOfEight(TwinBoard board) {
        List<String> imports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String fn = "chain" + i + "_fn";
            imports.add(fn);
            assertThat(board.load(new ExtensionSpec("chain" + i, List.of(fn), List.of(), 21, 1)).rc()).isZero();
        }
        assertThat(board.load(new ExtensionSpec("chain8", List.of("chain8_fn"), imports, 23, 1)).rc()).isZero();
        return board.save(List.of());
    }

    @Test
    void eight_dependencies_relink_as_written_and_the_prediction_names_the_optimised_outcome() {
        StepResult r = saveChainOfEight(new TwinBoard(Profile.UPSTREAM, TargetSizes.CORTEX_M, 16384));
        assertThat(r.rc()).isZero();
        assertThat(r.ub()).hasSize(1);
        assertThat(r.ub().get(0).detail()).contains("sect_cnt = 23", "compiler-dependent", "-ENOENT",
                "upstream-optimised");
    }

    @Test
    void eight_dependencies_as_an_optimising_compiler_builds_relink_read_sect_cnt_as_a_pointer() {
        // dependency[8] is sect_cnt (23): taken for a struct llext *, its name matches no copy: -ENOENT
        TwinBoard board = new TwinBoard(Profile.UPSTREAM_OPTIMISED, TargetSizes.CORTEX_M, 16384);
        StepResult r = saveChainOfEight(board);
        assertThat(r.rc()).isEqualTo(-Errno.ENOENT);
        assertThat(r.ub()).extracting(u -> u.detail()).anyMatch(d -> d.contains("modelled as optimised"));
        assertThat(board.saved()).as("nothing saved").isNull();
        assertThat(Profile.parse("upstream-optimised")).isEqualTo(Profile.UPSTREAM_OPTIMISED);
    }
}
