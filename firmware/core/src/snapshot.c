/* What every backend needs around a saved context, in one place: the bounds its restore
 * relies on, and which extension a flat table entry belongs to. */
#include <string.h>

#include "hil/backend.h"
#include "hil/errno.h"

static int name_ok(const char *name, size_t size)
{
	return memchr(name, '\0', size) != NULL && name[0] != '\0';
}

static int ext_ok(const struct hil_snapshot *s, const struct hil_saved_ext *e, uint32_t mem_count)
{
	struct hil_saved_map m;
	struct hil_saved_sym y;

	if (!name_ok(e->name, sizeof(e->name)) || e->map_first > s->n_maps ||
	    e->sect_cnt > s->n_maps - e->map_first || e->sym_first > s->n_syms ||
	    e->exp_cnt > s->n_syms - e->sym_first) {
		return -HIL_EINVAL;
	}
	/* the dependencies end at the first HIL_DEP_NONE; what follows it is not read */
	for (uint32_t j = 0; j < HIL_MAX_DEPS && e->dep[j] != HIL_DEP_NONE; j++) {
		if (e->dep[j] >= s->n) {
			return -HIL_EINVAL;
		}
	}
	for (uint32_t j = 0; j < e->sect_cnt; j++) {
		int rc = s->map(s, e->map_first + j, &m);

		if (rc != 0) {
			return rc;
		}
		if (m.mem_idx > mem_count) {
			return -HIL_EINVAL;
		}
	}
	for (uint32_t j = 0; j < e->exp_cnt; j++) {
		int rc = s->sym(s, e->sym_first + j, &y);

		if (rc != 0) {
			return rc;
		}
		if (!name_ok(y.name, sizeof(y.name))) {
			return -HIL_EINVAL;
		}
	}
	return 0;
}

bool hil_snapshot_counts_ok(const struct hil_snapshot *s)
{
	return s->n <= HIL_CTX_MAX_EXT && s->n_maps <= HIL_CTX_MAX_MAPS && s->n_syms <= HIL_CTX_MAX_SYMS &&
	       s->blob_len <= HIL_CTX_BLOB_MAX;
}

int hil_snapshot_check(const struct hil_snapshot *s, const uint8_t *order, uint32_t mem_count)
{
	uint32_t seen = 0; /* bit k: order[] named extension k already (n <= HIL_CTX_MAX_EXT <= 32) */
	struct hil_saved_ext e;

	if (!hil_snapshot_counts_ok(s) || (s->n > 0 && order == NULL)) {
		return -HIL_EINVAL;
	}
	for (uint32_t i = 0; i < s->n; i++) {
		int rc = s->ext(s, i, &e);

		if (rc != 0) {
			return rc;
		}
		if (order[i] >= s->n || (seen & (1u << order[i])) != 0) {
			return -HIL_EINVAL;
		}
		seen |= 1u << order[i];
		rc = ext_ok(s, &e, mem_count);
		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}

int hil_saved_add(struct hil_snapshot *snap, struct hil_saved_ext *e, const char *name,
		  uint32_t use_count, uint32_t sect_cnt, uint32_t exp_cnt)
{
	if (sect_cnt > HIL_CTX_MAX_MAPS - snap->n_maps || exp_cnt > HIL_CTX_MAX_SYMS - snap->n_syms) {
		return -HIL_ENOSPC;
	}
	memset(e, 0, sizeof(*e));
	strncpy(e->name, name, HIL_NAME_MAX); /* at most HIL_NAME_MAX characters, NUL-padded */
	e->use_count = use_count;
	e->sect_cnt = sect_cnt;
	e->exp_cnt = exp_cnt;
	e->map_first = snap->n_maps;
	e->sym_first = snap->n_syms;
	memset(e->dep, HIL_DEP_NONE, sizeof(e->dep));
	snap->n_maps += sect_cnt;
	snap->n_syms += exp_cnt;
	return 0;
}

int hil_saved_ext_at(const struct hil_snapshot *snap, uint32_t i, struct hil_saved_ext *out)
{
	if (i >= snap->n) {
		return -HIL_EINVAL;
	}
	*out = ((const struct hil_saved_ext *)snap->user)[i];
	return 0;
}

int hil_saved_locate(const struct hil_snapshot *snap, uint32_t k, bool maps, uint32_t *i, uint32_t *j)
{
	const struct hil_saved_ext *saved = snap->user;

	for (uint32_t n = 0; n < snap->n; n++) {
		uint32_t first = maps ? saved[n].map_first : saved[n].sym_first;
		uint32_t cnt = maps ? saved[n].sect_cnt : saved[n].exp_cnt;

		if (k >= first && k - first < cnt) {
			*i = n;
			*j = k - first;
			return 0;
		}
	}
	return -HIL_EINVAL;
}

void hil_saved_sym_set(struct hil_saved_sym *out, const char *name, uint32_t value)
{
	/* at most HIL_SYM_NAME_MAX characters, NUL-padded to the end of the field */
	strncpy(out->name, name, HIL_SYM_NAME_MAX);
	out->name[HIL_SYM_NAME_MAX] = '\0';
	out->value = value;
}
