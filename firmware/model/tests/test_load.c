/* Load, dependencies, use counts, duplicates, unload, the 8-slot chain, call stand-in. */
#include <string.h>

#include "elf.h"
#include "heap.h"
#include "model_types.h"
#include "test_support.h"

static uint32_t sect_cnt_of(const char *name)
{
	struct elf_info e;
	size_t len;
	uint8_t *img = test_image(name, &len);

	CHECK_EQ(elf_parse(img, len, &e), 0, "sample parses");
	return e.shnum;
}

static uint32_t expected_alloc(const char *name, uint32_t exp_cnt)
{
	return (uint32_t)(sizeof(struct model_llext) + sizeof(struct model_symbol) * exp_cnt +
			  sizeof(struct model_sect_map) * sect_cnt_of(name));
}

static void test_sizes(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);

	CHECK_EQ(be->sizes.llext, sizeof(struct model_llext), "sizes.llext");
	CHECK_EQ(be->sizes.sect_map, sizeof(struct model_sect_map), "sizes.sect_map");
	CHECK_EQ(be->sizes.symbol, sizeof(struct model_symbol), "sizes.symbol");
	CHECK_EQ(be->sizes.ptr, sizeof(void *), "sizes.ptr");
	CHECK(strcmp(be->profile, "upstream") == 0, "profile name");
	CHECK(strcmp(test_boot(MODEL_PROFILE_CONTRACT, 16384)->profile, "contract") == 0,
	      "contract profile name");
}

static void test_load_and_dependencies(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	struct hil_ext_state st;
	struct hil_heap_stats h;
	uint32_t uc, calls;

	CHECK_EQ(test_load("producer"), 0, "fresh load returns 0");
	CHECK_EQ(test_state("producer", &st), 0, "producer listed");
	CHECK_EQ(st.use_count, 1, "use count 1");
	CHECK_EQ(st.exp_cnt, 2, "2 exports");
	CHECK_EQ(st.sect_cnt, sect_cnt_of("producer"), "sect_cnt = e_shnum");
	CHECK_EQ(st.alloc, expected_alloc("producer", 2), "struct + exports + section map");
	CHECK_EQ(st.n_deps, 0, "no dependencies");
	h = test_heap();
	CHECK_EQ(h.used, st.alloc, "heap used = what producer holds");
	CHECK_EQ(h.allocs, 3, "three allocations");
	CHECK_EQ(be->alloc_calls(), 3, "three calls");

	CHECK_EQ(test_load("consumer"), 0, "consumer loads");
	CHECK_EQ(test_state("consumer", &st), 0, "consumer listed");
	CHECK_EQ(st.n_deps, 1, "two imports from one extension: one slot");
	CHECK(strcmp(st.deps[0], "producer") == 0, "depends on producer");
	CHECK_EQ(st.alloc, expected_alloc("consumer", 1), "consumer alloc");
	CHECK_EQ(be->use_count("producer", &uc), 0, "use_count");
	CHECK_EQ(uc, 2, "producer used by consumer");
	CHECK(strcmp(test_list_names(), "producer,consumer") == 0, "list order: %s",
	      test_list_names());

	calls = be->alloc_calls();
	h = test_heap();
	CHECK_EQ(test_load("consumer"), 1, "duplicate returns the previous use count");
	CHECK_EQ(test_load("consumer"), 2, "and again");
	CHECK_EQ(be->alloc_calls(), calls, "duplicates allocate nothing");
	CHECK_EQ(test_heap().used, h.used, "heap unchanged");
	CHECK_EQ(be->use_count("consumer", &uc), 0, "use_count");
	CHECK_EQ(uc, 3, "consumer use count 3");
	CHECK_EQ(be->use_count("producer", &uc), 0, "use_count");
	CHECK_EQ(uc, 2, "producer counted once per dependent");

	CHECK_EQ(test_load("noexp"), 0, "noexp loads");
	CHECK_EQ(be->alloc_calls(), calls + 2, "no exported-symbol table for noexp");
	CHECK_EQ(test_state("noexp", &st), 0, "noexp listed");
	CHECK_EQ(st.alloc, expected_alloc("noexp", 0), "noexp alloc");

	CHECK_EQ(be->use_count("nobody", &uc), -HIL_ENOENT, "unknown use_count");
	CHECK_EQ(be->unload("nobody", &uc), -HIL_ENOENT, "unknown unload");
	CHECK_EQ(be->load("a-name-of-16-chr", test_image("noexp", NULL), 10),
		 -HIL_ENAMETOOLONG, "names longer than 15 are refused");
	CHECK_EQ(fatal_log.count, 0, "no heap assert");
}

static void test_unresolved_and_enomem(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	struct hil_heap_stats before, after;
	uint32_t k;

	before = test_heap();
	CHECK_EQ(test_load("consumer"), -61, "unresolved import: -ENODATA");
	after = test_heap();
	CHECK_EQ(after.used, before.used, "everything freed");
	CHECK_EQ(after.allocs, 0, "no live allocation");
	CHECK_EQ(be->alloc_calls(), 2, "struct and map were allocated before linking failed");
	CHECK_EQ(test_list_count(), 0, "nothing added");

	CHECK_EQ(test_load("producer"), 0, "producer");
	for (k = 1; k <= 3; k++) {
		uint32_t uc;

		before = test_heap();
		be->fault_alloc(k);
		CHECK_EQ(test_load("consumer"), -HIL_ENOMEM, "allocation failure is -ENOMEM");
		after = test_heap();
		CHECK_EQ(after.used, before.used, "partial allocations freed");
		CHECK_EQ(after.allocs, before.allocs, "allocation count back");
		CHECK_EQ(be->use_count("producer", &uc), 0, "producer");
		/* k = 3 fails the exported table, after llext_link() counted producer: upstream's
		 * failure path keeps that count (no llext_dependency_remove_all()) */
		CHECK_EQ(uc, k < 3 ? 1u : 2u, "dependency count after a failure (k = 3: kept)");
		CHECK(strcmp(test_list_names(), "producer") == 0, "list: %s", test_list_names());
	}
	be->fault_alloc(4);
	CHECK_EQ(test_load("consumer"), 0, "a fault after the 3 allocations does not hit");
	CHECK_EQ(be->fault_alloc_armed(), 1, "still armed");
}

static void test_unload(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	uint32_t after, uc;

	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(test_load("consumer"), 0, "consumer");
	CHECK_EQ(test_load("consumer"), 1, "consumer twice");

	CHECK_EQ(be->unload("consumer", &after), 0, "unload still in use");
	CHECK_EQ(after, 1, "use count after");
	CHECK(strcmp(test_list_names(), "producer,consumer") == 0, "still listed");

	CHECK_EQ(be->unload("producer", &after), 0, "unload a used dependency");
	CHECK_EQ(after, 1, "only decremented");

	/* the dependency lost its own use first: the dependent's llext_dependency_remove_all()
	 * takes it to 0 and asserts (the handler returns here; a board halts) */
	CHECK_EQ(be->unload("consumer", &after), 0, "last unload");
	CHECK_EQ(after, 0, "left the list");
	CHECK_EQ(fatal_log.count, 1, "dependency underrun asserted");
	CHECK(strcmp(fatal_log.message, "LLEXT dependency use-count underrun!") == 0, "message: %s",
	      fatal_log.message);
	CHECK(strcmp(test_list_names(), "producer") == 0, "dependencies are never unloaded");
	CHECK_EQ(be->use_count("producer", &uc), 0, "producer");
	CHECK_EQ(uc, 0, "its use count was dropped by the dependent");

	/* llext_unload() of a count of 0: __ASSERT(tmp->use_count); the model changes nothing */
	CHECK_EQ(be->unload("producer", &after), 0, "use count 0");
	CHECK_EQ(fatal_log.count, 2, "zero use count asserted");
	CHECK(strcmp(fatal_log.message, "A valid LLEXT cannot have a zero use-count!") == 0,
	      "message: %s", fatal_log.message);
	CHECK(strcmp(test_list_names(), "producer") == 0, "still listed");
}

/* Dependents first, then the dependency: every byte comes back, no assertion. */
static void test_unload_in_dependency_order(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	uint32_t after;

	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(test_load("consumer"), 0, "consumer");
	CHECK_EQ(be->unload("consumer", &after), 0, "consumer");
	CHECK_EQ(after, 0, "consumer gone");
	CHECK_EQ(be->unload("producer", &after), 0, "producer");
	CHECK_EQ(after, 0, "producer gone");
	CHECK_EQ(test_list_count(), 0, "list empty");
	CHECK_EQ(test_heap().used, 0, "heap empty");
	CHECK_EQ(test_heap().allocs, 0, "no live allocation");
	CHECK_EQ(heap_verify(), 0, "chunks merged back");
	CHECK_EQ(fatal_log.count, 0, "no assert");
}

static void test_chain(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 32768);
	struct hil_ext_state st;
	char name[16];
	uint32_t i, uc;

	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "chain%u", i);
		CHECK_EQ(test_load(name), 0, "chain link loads");
	}
	CHECK_EQ(test_load("chain8"), 0, "chain8 loads");
	CHECK_EQ(test_state("chain8", &st), 0, "chain8 listed");
	CHECK_EQ(st.n_deps, 8, "all 8 slots used");
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "chain%u", i);
		CHECK(strcmp(st.deps[i], name) == 0, "slot %u = %s", i, st.deps[i]);
		CHECK_EQ(be->use_count(name, &uc), 0, "use_count");
		CHECK_EQ(uc, 2, "each link used by chain8");
	}

	/* A ninth provider: resolved, but there is no slot left for it. */
	CHECK_EQ(test_load("producer"), 0, "producer");
	{
		size_t len;
		uint8_t *img = test_image_from(MODEL_EXT_TEST_DIR, "fanout9", "fanout9", &len);

		CHECK_EQ(be->load("fanout9", img, len), 0, "9 providers still load");
	}
	CHECK_EQ(test_state("fanout9", &st), 0, "fanout9 listed");
	CHECK_EQ(st.n_deps, 8, "the ninth dependency is dropped");
	CHECK(strcmp(st.deps[7], "chain7") == 0, "slots in import order");
	CHECK_EQ(be->use_count("producer", &uc), 0, "producer");
	CHECK_EQ(uc, 1, "a dropped dependency is not counted");
}

static void test_call(void)
{
	const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	int32_t v1, v2;
	size_t len;
	uint8_t *img;
	struct elf_info e;

	/* zlib.crc32(b"producer:producer_value") = 0xFA815485; & 0x7FFF = 0x5485 */
	CHECK_EQ(test_load("producer"), 0, "producer");
	CHECK_EQ(be->call("producer", "producer_value", &v1), 0, "call");
	CHECK_EQ(v1, 0x5485, "stand-in value: crc32 & 0x7FFF");
	CHECK_EQ(be->call("producer", "producer_value", &v2), 0, "call again");
	CHECK_EQ(v2, v1, "no .data: same value");
	CHECK_EQ(be->call("producer", "consumer_sum", &v1), -HIL_ENOENT, "not its symbol");
	CHECK_EQ(be->call("nobody", "x", &v1), -HIL_ENOENT, "unknown extension");

	img = test_image("counter", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "counter parses");
	img[e.data_off] = 100;   /* other tests may have counted already */
	img[e.data_off + 1] = img[e.data_off + 2] = img[e.data_off + 3] = 0;
	CHECK_EQ(test_load("counter"), 0, "counter");
	CHECK_EQ(be->call("counter", "counter_next", &v1), 0, "call counter");
	CHECK_EQ(be->call("counter", "counter_next", &v2), 0, "call counter again");
	CHECK_EQ(v2 - v1, 1, "the counter in .data advances");
	CHECK_EQ(img[e.data_off], 102, "state lives in the image");
}

int main(void)
{
	test_sizes();
	test_load_and_dependencies();
	test_unresolved_and_enomem();
	test_unload();
	test_unload_in_dependency_order();
	test_chain();
	test_call();
	test_done("model_load");
	return 0;
}
