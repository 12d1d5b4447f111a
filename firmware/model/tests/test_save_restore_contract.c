/*
 * The contract profile: what the header comments of llext_relink_dependency() and
 * llext_restore() promise. All-or-nothing, any dependency within the set, pre-loaded
 * extensions untouched, invalid input rejected without side effects.
 */
#include <string.h>

#include "heap.h"
#include "model_types.h"
#include "save_restore.h"
#include "test_support.h"

static struct mem_snapshot snap;

static const struct hil_backend *boot(void)
{
	return test_boot(MODEL_PROFILE_CONTRACT, 16384);
}

static const struct hil_backend *saved_producer_consumer(const char *save_order)
{
	boot();
	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(test_load("consumer"), 0, "consumer");
	CHECK_EQ(test_save(save_order, &snap), 0, "save");
	return boot();
}

static void test_success_and_orders(void)
{
	static const char *const orders[] = { "0,1", "1,0" };
	static const char *const saves[] = { "producer,consumer", "consumer,producer" };
	unsigned s, o;

	for (s = 0; s < 2; s++) {
		for (o = 0; o < 2; o++) {
			const struct hil_backend *be = saved_producer_consumer(saves[s]);
			struct hil_ext_state st;
			uint32_t after, uc;

			CHECK_EQ(test_restore(&snap, orders[o]), 0, "any order restores");
			CHECK_EQ(test_state("consumer", &st), 0, "consumer");
			CHECK(st.n_deps == 1 && strcmp(st.deps[0], "producer") == 0, "dependency");
			CHECK_EQ(be->alloc_calls(), 8, "same allocation calls as upstream");
			CHECK_EQ(test_heap().allocs, 6, "3 blocks per extension");
			CHECK_EQ(be->unload("consumer", &after), 0, "unload consumer");
			CHECK_EQ(be->use_count("producer", &uc), 0, "producer");
			CHECK_EQ(uc, 1, "dependency points at the restored producer");
			CHECK_EQ(be->unload("producer", &after), 0, "unload producer");
			CHECK_EQ(test_heap().used, 0, "nothing leaked");
			CHECK_EQ(fatal_log.count, 0, "no heap assert");
		}
	}
}

static void test_all_or_nothing_under_faults(void)
{
	uint32_t k;

	for (k = 1; k <= 8; k++) {
		const struct hil_backend *be = saved_producer_consumer("producer,consumer");
		struct hil_heap_stats before, after;

		CHECK_EQ(test_load("noexp"), 0, "pre-loaded noexp");
		before = test_heap();
		be->fault_alloc(k);
		CHECK_EQ(test_restore(&snap, NULL), -HIL_ENOMEM, "k-th allocation fails");
		after = test_heap();
		CHECK(after.used == before.used && after.allocs == before.allocs,
		      "k=%u: nothing leaks", k);
		CHECK(strcmp(test_list_names(), "noexp") == 0, "k=%u: list unchanged: %s", k,
		      test_list_names());
		CHECK_EQ(fatal_log.count, 0, "no heap assert");
		CHECK_EQ(test_restore(&snap, NULL), 0, "retry succeeds");
		CHECK(strcmp(test_list_names(), "noexp,producer,consumer") == 0, "list: %s",
		      test_list_names());
	}
}

static void test_preloaded_untouched_and_twice(void)
{
	const struct hil_backend *be = saved_producer_consumer("producer,consumer");
	struct hil_ext_state st;
	uint32_t uc, after;

	CHECK_EQ(test_load("producer"), 0, "pre-load producer");
	CHECK_EQ(test_load("consumer"), 0, "pre-load consumer with a dependency");
	CHECK_EQ(test_restore(&snap, NULL), 0, "pre-loaded dependents are not checked");
	CHECK_EQ(test_restore(&snap, NULL), 0, "restore twice");
	CHECK(strcmp(test_list_names(), "producer,consumer,producer,consumer,producer,consumer")
	      == 0, "list: %s", test_list_names());
	CHECK_EQ(be->use_count("producer", &uc), 0, "first producer");
	CHECK_EQ(uc, 2, "pre-loaded producer's use count untouched");
	CHECK_EQ(be->unload("consumer", &after), 0, "unload the pre-loaded consumer");
	CHECK_EQ(be->use_count("producer", &uc), 0, "first producer");
	CHECK_EQ(uc, 1, "its own dependency still points at the pre-loaded producer");
	CHECK_EQ(test_state("consumer", &st), 0, "a restored consumer");
	CHECK(strcmp(st.deps[0], "producer") == 0, "restored dependency");
	CHECK_EQ(fatal_log.count, 0, "no heap assert");
}

static void test_chain_no_overread(void)
{
	struct model_events ev;
	struct hil_ext_state st;
	char name[16];
	uint32_t i;

	test_boot(MODEL_PROFILE_CONTRACT, 32768);
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "chain%u", i);
		CHECK_EQ(test_load(name), 0, "chain link");
	}
	CHECK_EQ(test_load("chain8"), 0, "chain8");
	CHECK_EQ(test_save("chain8,chain0,chain1,chain2,chain3,chain4,chain5,chain6,chain7", &snap),
		 0, "save, chain8 first");
	test_boot(MODEL_PROFILE_CONTRACT, 32768);
	CHECK_EQ(test_restore(&snap, NULL), 0, "restore");
	CHECK_EQ(test_state("chain8", &st), 0, "chain8");
	CHECK_EQ(st.n_deps, 8, "8 dependencies");
	model_events(&ev);
	CHECK_EQ(ev.dep_slot8_reads, 0, "the contract profile never reads dependency[8]");
}

/* Direct calls: input validation, and ext[]/ldr[] untouched on failure. */
static void test_direct_contract(void)
{
	struct model_llext a, b, a0, b0, *ext[2], outsider;
	struct model_sect_map map_a[3], map_b[2];
	struct model_symbol syms_a[1];
	struct model_loader la, lb, *ldr[2];
	uint32_t k;

	test_boot(MODEL_PROFILE_CONTRACT, 16384);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(map_a, 0, sizeof(map_a));
	memset(map_b, 0, sizeof(map_b));
	strcpy(a.name, "alpha");
	strcpy(b.name, "beta");
	a.sect_cnt = 3;
	b.sect_cnt = 2;
	a.use_count = b.use_count = 1;
	syms_a[0].name = "alpha_fn";
	syms_a[0].addr = map_a;
	a.exp_tab.sym_cnt = 1;
	a.exp_tab.syms = syms_a;
	b.dependency[0] = &a;
	la.sect_map = map_a;
	lb.sect_map = map_b;
	la.ext = lb.ext = NULL;
	a0 = a;
	b0 = b;

	ext[0] = &a;
	ext[1] = &b;
	ldr[0] = &la;
	ldr[1] = &lb;
	CHECK_EQ(contract_restore(ext, ldr, 0), -HIL_EINVAL, "n_ext == 0");
	memset(&outsider, 0, sizeof(outsider));
	b.dependency[0] = &outsider;
	CHECK_EQ(contract_restore(ext, ldr, 2), -HIL_EINVAL, "dependency not in the set");
	b.dependency[0] = &a;
	CHECK_EQ(heap_alloc_calls(), 0, "validation allocates nothing");

	for (k = 1; k <= 7; k++) {   /* 1 + 2 maps + 1 list + 1 table + 2 structs */
		heap_fault_arm(k);
		CHECK_EQ(contract_restore(ext, ldr, 2), -HIL_ENOMEM, "fault");
		CHECK(ext[0] == &a && ext[1] == &b, "k=%u: ext[] unchanged", k);
		CHECK(ldr[0] == &la && la.sect_map == map_a && lb.sect_map == map_b,
		      "k=%u: loaders unchanged", k);
		CHECK(memcmp(&a, &a0, sizeof(a)) == 0 && memcmp(&b, &b0, sizeof(b)) == 0,
		      "k=%u: copies unchanged", k);
		CHECK_EQ(test_heap().allocs, 0, "nothing leaked");
		CHECK_EQ(test_list_count(), 0, "nothing listed");
	}
	heap_fault_arm(0);
	CHECK_EQ(contract_restore(ext, ldr, 2), 0, "then it restores");
	CHECK(ext[1]->dependency[0] == ext[0], "dependency re-pointed at the new alpha");
	CHECK(la.sect_map != map_a, "loader now holds the heap copy of its map");

	/* relink: all-or-nothing too */
	{
		struct model_llext flat[2];

		flat[0] = b0;
		flat[1] = b0;
		strcpy(flat[1].name, "gamma");
		CHECK_EQ(contract_relink_dependency(flat, 2), -HIL_ENOENT, "alpha not in the array");
		CHECK(flat[0].dependency[0] == &a, "no pointer rewritten on failure");
	}
}

int main(void)
{
	test_success_and_orders();
	test_all_or_nothing_under_faults();
	test_preloaded_untouched_and_twice();
	test_chain_no_overread();
	test_direct_contract();
	test_done("model_save_restore_contract");
	return 0;
}
