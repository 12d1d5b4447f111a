/*
 * libFuzzer target: the saved-context validator and decoder over arbitrary slot bytes.
 * Properties: no crash / UB (ASan+UBSan), every rejection carries one of the protocol's
 * reasons, and whatever is accepted decodes into a snapshot whose indexes are in range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hil/ctx_format.h"
#include "mem_snapshot.h"

static int mem_read(void *user, uint32_t off, void *dst, size_t len)
{
	memcpy(dst, (const uint8_t *)user + off, len);
	return 0;
}

static const struct hil_ctx_expect expect = {
	{ 0x3f, 0x2a, 0x9c, 0x1e, 0x5b, 0x7d, 0x0a, 0x42 }, { 208, 8, 8, 4 }
};

static struct hil_ctx_view view;
static struct mem_snapshot copy;

static void require(int cond)
{
	if (!cond) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536) {
		return 0;
	}
	struct hil_ctx_reader r = { mem_read, (void *)data, (uint32_t)size };
	struct hil_ctx_header h;
	enum hil_ctx_why why = hil_ctx_check(&r, &expect, &h);
	const char *s = hil_ctx_why_str(why);

	require(s != NULL && s[0] != '\0');
	if (why != HIL_CTX_OK && why != HIL_CTX_OTHER_BUILD) {
		return 0;
	}
	require(h.parsed && (uint64_t)h.body_offset + h.body_len <= size);
	if (hil_ctx_decode(&r, &h, &view) != HIL_CTX_OK) {
		return 0; /* rejected as "truncated" */
	}
	const struct hil_snapshot *snap = &view.snap;

	require(snap->n <= HIL_CTX_MAX_EXT && snap->n_maps <= HIL_CTX_MAX_MAPS &&
		snap->n_syms <= HIL_CTX_MAX_SYMS && snap->blob_len <= HIL_CTX_BLOB_MAX);
	/* every record a backend may ask for reads back */
	require(mem_snapshot_read(&copy, snap) == 0);
	for (uint32_t i = 0; i < snap->n; i++) {
		const struct hil_saved_ext *e = &copy.ext[i];
		struct hil_saved_ext again;
		struct hil_ctx_image img;

		require(hil_ctx_view_ext(&view, i, &again, &img) == 0);
		require(e->name[HIL_NAME_MAX] == '\0' && e->name[0] != '\0');
		require((uint64_t)e->map_first + e->sect_cnt <= snap->n_maps);
		require((uint64_t)e->sym_first + e->exp_cnt <= snap->n_syms);
		require((uint64_t)img.data_offset + img.len <= h.body_len);
		for (uint32_t d = 0; d < HIL_MAX_DEPS; d++) {
			require(e->dep[d] == HIL_DEP_NONE || e->dep[d] < snap->n);
		}
	}
	/* and the check every backend runs before a restore never reads out of bounds */
	{
		uint8_t order[HIL_CTX_MAX_EXT];

		for (uint32_t i = 0; i < snap->n; i++) {
			order[i] = (uint8_t)i;
		}
		(void)hil_snapshot_check(snap, order, 16);
	}
	return 0;
}
