/*
 * The upstream profile: llext_relink_dependency()/llext_restore() as the seed commit
 * writes them. Each expected outcome below is derived from reading that code; the
 * comments say which line of reasoning gives it.
 */
#include <string.h>

#include "model_types.h"
#include "test_support.h"

static struct mem_snapshot snap;

static const struct hil_backend *boot(void)
{
	return test_boot(MODEL_PROFILE_UPSTREAM, 16384);
}

/* load producer + consumer, save both in that order, "reset" */
static const struct hil_backend *saved_producer_consumer(const char *save_order)
{
	boot();
	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(test_load("consumer"), 0, "consumer");
	CHECK_EQ(test_save(save_order, &snap), 0, "relink of a complete set");
	return boot();
}

static void test_save_describes_the_set(void)
{
	const struct hil_backend *be = boot();
	uint32_t j;

	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(test_load("consumer"), 0, "consumer");
	CHECK_EQ(test_save("producer,consumer", &snap), 0, "save");
	CHECK_EQ(snap.snap.n, 2, "n");
	CHECK(strcmp(snap.ext[0].name, "producer") == 0, "ext 0");
	CHECK_EQ(snap.ext[0].use_count, 2, "producer use count saved");
	CHECK_EQ(snap.ext[0].exp_cnt, 2, "producer exports");
	CHECK_EQ(snap.ext[1].exp_cnt, 1, "consumer exports");
	CHECK_EQ(snap.ext[1].dep[0], 0, "consumer -> copy 0");
	for (j = 0; j < HIL_MAX_DEPS; j++) {
		CHECK_EQ(snap.ext[0].dep[j], HIL_DEP_NONE, "producer has no dependency");
	}
	for (j = 1; j < HIL_MAX_DEPS; j++) {
		CHECK_EQ(snap.ext[1].dep[j], HIL_DEP_NONE, "after the first NULL");
	}
	CHECK_EQ(snap.snap.n_maps, snap.ext[0].sect_cnt + snap.ext[1].sect_cnt, "all section maps");
	CHECK_EQ(snap.ext[1].map_first, snap.ext[0].sect_cnt, "maps are consecutive");
	CHECK_EQ(snap.snap.n_syms, 3, "all exported symbols");
	CHECK(strcmp(snap.syms[2].name, "consumer_sum") == 0, "symbol names");
	CHECK(snap.syms[0].value > 0, "symbol value is an image offset");
	CHECK_EQ(be->alloc_calls(), 6, "save allocates nothing on the heap");

	CHECK_EQ(test_save("consumer", &snap), -HIL_ENOENT, "relink: producer not in the set");
	CHECK_EQ(snap.snap.n, 0, "nothing saved");
	CHECK_EQ(test_save("producer,ghost", &snap), -HIL_ENOENT, "unknown name");
}

static void test_restore_success(void)
{
	const struct hil_backend *be = saved_producer_consumer("producer,consumer");
	struct hil_ext_state st;
	struct hil_heap_stats h;
	uint32_t after, uc, expect_alloc;
	int32_t v;

	CHECK_EQ(test_restore(&snap, NULL), 0, "restore");
	CHECK(strcmp(test_list_names(), "producer,consumer") == 0, "list: %s", test_list_names());
	CHECK_EQ(be->alloc_calls(), 8, "1 map list + 2 maps + 1 table list + 2 tables + 2 structs");
	CHECK_EQ(test_state("consumer", &st), 0, "consumer");
	CHECK_EQ(st.n_deps, 1, "dependency restored");
	CHECK(strcmp(st.deps[0], "producer") == 0, "on producer");
	expect_alloc = (uint32_t)(sizeof(struct model_llext) + sizeof(struct model_symbol) +
				  sizeof(struct model_sect_map) * snap.ext[1].sect_cnt);
	CHECK_EQ(st.alloc, expect_alloc, "same sizes as a load");
	CHECK_EQ(test_state("producer", &st), 0, "producer");
	CHECK_EQ(st.use_count, 2, "use count as saved");
	h = test_heap();
	CHECK_EQ(h.allocs, 6, "temporary arrays freed, 3 blocks per extension kept");
	CHECK_EQ(fatal_log.count, 0, "no heap assert");

	CHECK_EQ(be->call("consumer", "consumer_sum", &v), 0, "restored extension callable");
	CHECK_EQ(be->unload("consumer", &after), 0, "unload consumer");
	CHECK_EQ(after, 0, "gone");
	CHECK_EQ(be->use_count("producer", &uc), 0, "producer");
	CHECK_EQ(uc, 1, "dependency use count dropped through the re-bound pointer");
	CHECK_EQ(be->unload("producer", &after), 0, "unload producer");
	CHECK_EQ(test_heap().used, 0, "restored objects fully owned by the heap");
	CHECK_EQ(test_heap().allocs, 0, "nothing leaked");
}

static void test_counter_survives_reset(void)
{
	const struct hil_backend *be = boot();
	int32_t v1, v2;

	CHECK_EQ(test_load("counter"), 0, "counter");
	CHECK_EQ(be->call("counter", "counter_next", &v1), 0, "call");
	CHECK_EQ(test_save("counter", &snap), 0, "save");
	be = boot();
	CHECK_EQ(test_restore(&snap, NULL), 0, "restore");
	CHECK_EQ(be->call("counter", "counter_next", &v2), 0, "call after restore");
	CHECK_EQ(v2, v1 + 1, "continues where it left off");
}

/* Fault k of the 8 allocation calls: every path before the final loop is clean. */
static void test_each_allocation_failure(void)
{
	uint32_t k;

	for (k = 1; k <= 8; k++) {
		const struct hil_backend *be = saved_producer_consumer("producer,consumer");
		struct hil_heap_stats h;

		be->fault_alloc(k);
		CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOMEM, "allocation failure");
		h = test_heap();
		CHECK(h.used == 0 && h.allocs == 0, "k=%u: everything freed (used %u)", k, h.used);
		CHECK_EQ(test_list_count(), 0, "nothing restored");
		CHECK_EQ(fatal_log.count, 0, "early error paths free each block once");
		CHECK_EQ(test_restore(&snap, NULL), 0, "a retry without fault succeeds");
	}
}

/* The error path removes nodes with sys_slist_remove(list, NULL, node): the head becomes
 * node->next, so extensions listed before the restored ones vanish from the list (their
 * memory stays allocated). Visible when the second struct allocation fails. */
static void test_error_path_drops_preloaded(void)
{
	const struct hil_backend *be = saved_producer_consumer("producer,consumer");
	struct hil_heap_stats h;

	CHECK_EQ(test_load("noexp"), 0, "pre-loaded noexp");
	be->fault_alloc(7);   /* first struct: nothing appended yet */
	CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOMEM, "first struct fails");
	CHECK(strcmp(test_list_names(), "noexp") == 0, "list intact: %s", test_list_names());

	be->fault_alloc(8);   /* second struct: producer' already appended after noexp */
	CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOMEM, "second struct fails");
	CHECK_EQ(test_list_count(), 0, "noexp dropped from the list with producer'");
	h = test_heap();
	CHECK_EQ(h.allocs, 2, "noexp's struct and section map are still allocated (leak)");
	CHECK_EQ(fatal_log.count, 0, "no heap assert on this path");
}

/* Expected after any failure in the final loop, with sys_heap's rules (big heap here, 8-byte
 * header): the restored extensions are freed, then free_sym reads exp_tab[0] from the freed
 * pointer array. Freed alone into its bucket, its first 8 bytes hold FREE_PREV and FREE_NEXT
 * (its own chunk id twice), a value far below the heap: freeing it is an invalid free (assert
 * 1). The loop goes on (the handler returns here), exp_tab itself is freed again (assert 2,
 * double free); free_map reads map[0], the links of the freed map array (assert 3, invalid),
 * map[1..] still hold the section maps, freed once each, and map is freed again (assert 4). */
static void expect_late_failure(int rc, int n_exp_tables, const char *what)
{
	CHECK_EQ(rc, -HIL_EINVAL, what);
	CHECK(fatal_log.count == 4, "%s: 2 wild and 2 double frees (%d asserts)", what,
	      fatal_log.count);
	CHECK(strcmp(fatal_log.message, "unexpected heap state (double-free?)") == 0,
	      "%s: %s", what, fatal_log.message);
	{
		struct model_events ev;

		model_events(&ev);
		CHECK_EQ(ev.double_frees, 2, "exp_tab and map freed twice");
		CHECK_EQ(ev.invalid_frees, 2, "exp_tab[0] and map[0] hold free-list links");
	}
	(void)n_exp_tables;
}

static void test_dependency_on_last_is_rejected(void)
{
	struct hil_heap_stats h;
	uint32_t leaked;
	int rc;

	/* saved as [consumer, producer]: consumer's dependency is ext[n-1] == last */
	saved_producer_consumer("consumer,producer");
	rc = test_restore(&snap, NULL);
	expect_late_failure(rc, 2, "dependency >= last");
	CHECK_EQ(test_list_count(), 0, "restored extensions removed");
	/* map[0] and exp_tab[0] were read back as free-list links, so ext[0]'s (consumer's)
	 * section map and exported table (1 symbol) leak; map[1] and exp_tab[1] still held
	 * producer's, which are freed */
	leaked = (uint32_t)(sizeof(struct model_sect_map) * snap.ext[0].sect_cnt +
			    sizeof(struct model_symbol) * 1);
	h = test_heap();
	CHECK_EQ(h.used, leaked, "consumer's map and exported table leak");
	CHECK_EQ(h.allocs, 2, "1 map + 1 table");

	/* the same set in the other order via `order`: first > last, everything out of range */
	saved_producer_consumer("producer,consumer");
	expect_late_failure(test_restore(&snap, "1,0"), 2, "order 1,0");
}

static void test_late_failure_halts_the_board(void)
{
	jmp_buf halt;

	saved_producer_consumer("consumer,producer");
	fatal_jump = &halt;
	if (setjmp(halt) == 0) {
		test_restore(&snap, NULL);
		CHECK(0, "the double free must reach the fatal handler");
	}
	fatal_jump = NULL;
	CHECK_EQ(fatal_log.count, 1, "the board stops at the first assert");
	CHECK(strcmp(fatal_log.expr, "chunk_used(h, c)") == 0, "expr %s", fatal_log.expr);
}

static void test_preloaded_with_dependencies(void)
{
	saved_producer_consumer("producer,consumer");
	CHECK_EQ(test_load("producer"), 0, "pre-load producer");
	CHECK_EQ(test_load("consumer"), 0, "pre-load consumer (depends on producer)");
	/* the final loop walks the whole list: the pre-loaded consumer's dependency points
	 * into the heap, outside [first, last) */
	expect_late_failure(test_restore(&snap, NULL), 2, "pre-loaded dependent");
	CHECK_EQ(test_list_count(), 0, "pre-loaded extensions dropped by the NULL-prev remove");
}

static void test_preloaded_without_dependencies(void)
{
	const struct hil_backend *be = saved_producer_consumer("producer,consumer");
	uint32_t after, uc;

	CHECK_EQ(test_load("producer"), 0, "pre-load producer (no dependencies)");
	CHECK_EQ(test_restore(&snap, NULL), 0, "restore succeeds");
	CHECK(strcmp(test_list_names(), "producer,producer,consumer") == 0, "list: %s",
	      test_list_names());
	/* llext_by_name() finds the first "producer": the pre-loaded one */
	CHECK_EQ(be->unload("consumer", &after), 0, "unload restored consumer");
	CHECK_EQ(be->use_count("producer", &uc), 0, "first producer");
	CHECK_EQ(uc, 0, "the pre-loaded producer lost the use the restored consumer held");
	/* ... which llext_dependency_remove_all() asserts on (count reached 0) */
	CHECK_EQ(fatal_log.count, 1, "the dependency underrun assertion");
	CHECK(strcmp(fatal_log.message, "LLEXT dependency use-count underrun!") == 0, "message: %s",
	      fatal_log.message);
}

static void test_restore_twice(void)
{
	saved_producer_consumer("producer,consumer");
	CHECK_EQ(test_restore(&snap, NULL), 0, "first restore");
	expect_late_failure(test_restore(&snap, NULL), 2, "second restore");

	/* without dependencies nothing is checked: two of each */
	{
		const struct hil_backend *be = boot();

		CHECK_EQ(test_load("counter"), 0, "counter");
		CHECK_EQ(test_load("noexp"), 0, "noexp");
		CHECK_EQ(test_save("counter,noexp", &snap), 0, "save");
		be = boot();
		CHECK_EQ(test_restore(&snap, NULL), 0, "first");
		CHECK_EQ(test_restore(&snap, NULL), 0, "second");
		CHECK(strcmp(test_list_names(), "counter,noexp,counter,noexp") == 0, "list: %s",
		      test_list_names());
		CHECK_EQ(fatal_log.count, 0, "no assert");
		(void)be;
	}
}

static void test_chain_slot8(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 32768);
	struct model_events ev;
	struct hil_ext_state st;
	char name[16];
	uint32_t i;

	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "chain%u", i);
		CHECK_EQ(test_load(name), 0, "chain link");
	}
	CHECK_EQ(test_load("chain8"), 0, "chain8");
	CHECK_EQ(test_save("chain0,chain1,chain2,chain3,chain4,chain5,chain6,chain7,chain8", &snap),
		 0, "save the chain");
	model_events(&ev);
	CHECK_EQ(ev.dep_slot8_reads, 1, "relink read dependency[8] of chain8 once");
	for (i = 0; i < 8; i++) {
		CHECK_EQ(snap.ext[8].dep[i], i, "slot -> copy index");
	}

	be = test_boot(MODEL_PROFILE_UPSTREAM, 32768);
	CHECK_EQ(test_restore(&snap, NULL), 0, "restore the chain");
	model_events(&ev);
	CHECK_EQ(ev.dep_slot8_reads, 1, "the final loop read dependency[8] once");
	CHECK_EQ(test_state("chain8", &st), 0, "chain8");
	CHECK_EQ(st.n_deps, 8, "8 dependencies restored");
	CHECK(strcmp(st.deps[7], "chain7") == 0, "slot 7");
	(void)be;
}

static void test_empty_and_invalid(void)
{
	const struct hil_backend *be = boot();
	uint8_t order[2] = { 0, 0 };

	CHECK_EQ(test_save("", &snap), 0, "saving nothing");
	CHECK_EQ(snap.snap.n, 0, "n = 0");
	/* upstream with n_ext == 0: llext_alloc(0) is NULL -> -ENOMEM (ext[-1] not read) */
	CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOMEM, "n = 0 upstream");
	CHECK_EQ(be->alloc_calls(), 1, "one 0-byte allocation call");

	saved_producer_consumer("producer,consumer");
	CHECK_EQ(model_backend()->restore(&snap.snap, order), -HIL_EINVAL, "order not a permutation");
	snap.ext[1].dep[0] = 7;
	CHECK_EQ(test_restore(&snap, NULL), -HIL_EINVAL, "dependency index out of the set");
	snap.ext[1].dep[0] = 0;
	snap.ext[0].sect_cnt = 10000;
	CHECK_EQ(test_restore(&snap, NULL), -HIL_EINVAL, "map range out of the snapshot");
	CHECK_EQ(model_backend()->alloc_calls(), 0, "rejected before any allocation");
}

static void test_missing_image(void)
{
	saved_producer_consumer("producer,consumer");
	test_images_forget("consumer");
	CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOENT, "image gone");
	CHECK_EQ(model_backend()->alloc_calls(), 0, "nothing allocated");
	test_image("consumer", NULL);   /* back for later tests */
}

int main(void)
{
	test_save_describes_the_set();
	test_restore_success();
	test_counter_survives_reset();
	test_each_allocation_failure();
	test_error_path_drops_preloaded();
	test_dependency_on_last_is_rejected();
	test_late_failure_halts_the_board();
	test_preloaded_with_dependencies();
	test_preloaded_without_dependencies();
	test_restore_twice();
	test_chain_slot8();
	test_empty_and_invalid();
	test_missing_image();
	test_done("model_save_restore_upstream");
	return 0;
}
