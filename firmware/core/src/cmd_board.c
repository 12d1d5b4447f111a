/* `state`, `fault ...` (test builds only) and `reset`: the board as a whole. */
#include <string.h>

#include "flash_ops.h"
#include "hil/config.h"
#include "hil/images.h"
#include "hil_internal.h"

void hil_heap_json(struct hil_json *j)
{
	struct hil_heap_stats hs;

	memset(&hs, 0, sizeof(hs));
	hil_g_backend->heap(&hs);
	hj_fmt(j, "\"heap\":{\"size\":%u,\"used\":%u,\"free\":%u,\"max_used\":%u,\"allocs\":%u}",
	       hs.size, hs.used, hs.free, hs.max_used, hs.allocs);
}

static void ext_state_json(struct hil_json *j, struct hil_ext_state *e, bool first)
{
	uint32_t nd = e->n_deps < HIL_MAX_DEPS ? e->n_deps : HIL_MAX_DEPS;

	hj_fmt(j, HJ_ITEM(",{\"name\":%s,\"use_count\":%u,\"deps\":[", first), e->name, e->use_count);
	for (uint32_t d = 0; d < nd; d++) {
		e->deps[d][HIL_NAME_MAX] = '\0'; /* only the names printed need the terminator */
		hj_fmt(j, HJ_ITEM(",%s", d == 0), e->deps[d]);
	}
	hj_fmt(j, "],\"exp\":%u,\"sect\":%u,\"alloc\":%u}", e->exp_cnt, e->sect_cnt, e->alloc);
}

int hil_cmd_state(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_ext_state e;
	size_t n = hil_g_backend->list(0, &e, 0);

	(void)c;
	(void)argc;
	(void)argv;
	if (n > HIL_CTX_MAX_EXT) {
		return hil_out_error(id, -HIL_ENOSPC, "more extensions loaded (%u) than state can report (16)",
				     (uint32_t)n);
	}
	struct hil_json *j = hil_out_begin(id, 0);

	hj_fmt(j, "{\"exts\":[");
	for (size_t i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		(void)hil_g_backend->list(i, &e, 1);   /* one entry at a time, streamed */
		e.name[HIL_NAME_MAX] = '\0';
		ext_state_json(j, &e, i == 0);
	}
	hj_fmt(j, "],");
	hil_heap_json(j);
	hj_fmt(j, "}");
	return hil_out_end();
}

#if HIL_TEST_COMMANDS
int hil_cmd_fault_show(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	const struct hil_backend *b = hil_g_backend;

	(void)c;
	(void)argc;
	(void)argv;
	return hil_out_result(id, 0, "{\"alloc\":%u,\"flash\":%u,\"alloc_calls\":%u}",
			      b->fault_alloc_armed(), hil_flash_fault_armed(), b->alloc_calls());
}

int hil_cmd_fault_clear(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	hil_g_backend->fault_alloc(0);
	hil_flash_fault_arm(0);
	return hil_out_result(id, 0, "{\"alloc\":0,\"flash\":0}");
}

/* `fault alloc <k>` and `fault flash <n>`: one number, armed for later. */
int hil_cmd_fault_arm(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	bool alloc = hil_streq(argv[1], "alloc");
	uint32_t k;

	(void)c;
	(void)argc;
	if (!hil_parse_u32(argv[2], 1, 0x7fffffffu, &k)) {
		return alloc ? hil_bad_arg(id, "k", "a decimal allocation count >= 1", argv[2])
			     : hil_bad_arg(id, "n", "a decimal flash operation number >= 1", argv[2]);
	}
	if (alloc) {
		hil_g_backend->fault_alloc(k);
	} else {
		hil_flash_fault_arm(k);
	}
	return hil_out_result(id, 0, alloc ? "{\"alloc\":%u}" : "{\"flash\":%u}", k);
}
#endif

int hil_cmd_reset(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	bool cold = argc == 1 || hil_streq(argv[1], "cold");

	(void)c;
	if (!cold && !hil_streq(argv[1], "warm")) {
		return hil_bad_arg(id, "mode", "cold or warm", argv[1]);
	}
	(void)hil_out_result(id, 0, "{\"reset\":%s}", cold ? "cold" : "warm");
	if (hil_g_port->flush != NULL) {
		hil_g_port->flush();
	}
	hil_g_port->reset(cold);
	return 0; /* only reached when the port's reset returns (unit tests) */
}
