/*
 * The "contract" profile: llext_relink_dependency() and llext_restore() as their header
 * comments promise them, so a board can be diffed against intent as well as against the
 * upstream code. Differences from upstream:
 *  - input is validated before anything changes: n_ext == 0, a NULL entry, or a dependency
 *    that is not one of ext[0..n_ext-1] is -EINVAL (more than 8 dependencies cannot be
 *    expressed in an 8-slot array; slots after the first NULL are ignored, as upstream);
 *  - a dependency on any extension of the set restores, whatever the order;
 *  - extensions already in the list are neither checked nor touched;
 *  - all-or-nothing: on -ENOMEM, ext[] and ldr[] are unchanged and nothing leaks.
 * The allocation calls are the same, in the same order and with the same sizes, as
 * upstream's, so fault_alloc(k) hits the same object in both profiles.
 */
#include <string.h>

#include "heap.h"
#include "llext_list.h"
#include "save_restore.h"

int contract_relink_dependency(struct model_llext *ext, unsigned int n_ext)
{
	unsigned int i, j, k;

	/* Every dependency must have a copy in the array before any pointer changes. */
	for (i = 0; i < n_ext; i++) {
		for (j = 0; j < MODEL_MAX_DEPS && ext[i].dependency[j]; j++) {
			for (k = 0; k < n_ext; k++) {
				if (!strncmp(ext[k].name, ext[i].dependency[j]->name,
					     sizeof(ext[k].name))) {
					break;
				}
			}
			if (k == n_ext) {
				return -HIL_ENOENT;
			}
		}
	}
	for (i = 0; i < n_ext; i++) {
		for (j = 0; j < MODEL_MAX_DEPS && ext[i].dependency[j]; j++) {
			for (k = 0; k < n_ext; k++) {
				if (!strncmp(ext[k].name, ext[i].dependency[j]->name,
					     sizeof(ext[k].name))) {
					ext[i].dependency[j] = ext + k;
					break;
				}
			}
		}
	}
	return 0;
}

/* Index of `dep` among ext[0..n-1], -1 if it is not one of them. */
static int index_in_set(struct model_llext *const *ext, unsigned int n,
			const struct model_llext *dep)
{
	unsigned int k;

	for (k = 0; k < n; k++) {
		if (ext[k] == dep) {
			return (int)k;
		}
	}
	return -1;
}

static int validate(struct model_llext **ext, struct model_loader **ldr, unsigned int n_ext)
{
	unsigned int i, j;

	if (n_ext == 0 || n_ext > HIL_CTX_MAX_EXT || !ext || !ldr) {
		return -HIL_EINVAL;
	}
	for (i = 0; i < n_ext; i++) {
		if (!ext[i] || !ldr[i] || !ldr[i]->sect_map || ext[i]->sect_cnt == 0 ||
		    (ext[i]->exp_tab.sym_cnt && !ext[i]->exp_tab.syms)) {
			return -HIL_EINVAL;
		}
		for (j = 0; j < MODEL_MAX_DEPS && ext[i]->dependency[j]; j++) {
			if (index_in_set(ext, n_ext, ext[i]->dependency[j]) < 0) {
				return -HIL_EINVAL;
			}
		}
	}
	return 0;
}

int contract_restore(struct model_llext **ext, struct model_loader **ldr, unsigned int n_ext)
{
	struct model_llext *fresh[HIL_CTX_MAX_EXT] = { NULL };
	struct model_sect_map **map;
	struct model_symbol **exp_tab = NULL;
	unsigned int i, j, n_map = 0, n_exp_tab = 0, n_tab = 0, n_fresh = 0;
	int ret = validate(ext, ldr, n_ext);

	if (ret) {
		return ret;
	}

	/* 1. Allocate everything, in upstream's order; nothing visible changes yet. */
	map = heap_alloc(sizeof(*map) * n_ext, HEAP_TAG_RESTORE_MAP_LIST);
	if (!map) {
		return -HIL_ENOMEM;
	}
	for (; n_map < n_ext; n_map++) {
		map[n_map] = heap_alloc(sizeof(**map) * ext[n_map]->sect_cnt,
					HEAP_TAG_RESTORE_SECT_MAP);
		if (!map[n_map]) {
			goto undo;
		}
		n_exp_tab += ext[n_map]->exp_tab.sym_cnt != 0;
	}
	exp_tab = heap_alloc(sizeof(*exp_tab) * n_exp_tab, HEAP_TAG_RESTORE_EXP_LIST);
	if (n_exp_tab && !exp_tab) {
		goto undo;
	}
	for (i = 0; i < n_ext; i++) {
		if (ext[i]->exp_tab.sym_cnt) {
			exp_tab[n_tab] = heap_alloc(sizeof(**exp_tab) * ext[i]->exp_tab.sym_cnt,
						    HEAP_TAG_RESTORE_EXP_TAB);
			if (!exp_tab[n_tab]) {
				goto undo;
			}
			n_tab++;
		}
	}
	for (; n_fresh < n_ext; n_fresh++) {
		fresh[n_fresh] = heap_alloc(sizeof(struct model_llext), HEAP_TAG_RESTORE_LLEXT);
		if (!fresh[n_fresh]) {
			goto undo;
		}
	}

	/* 2. Commit: fill the copies, re-point dependencies by position, publish. */
	for (i = 0, j = 0; i < n_ext; i++) {
		*fresh[i] = *ext[i];
		if (fresh[i]->exp_tab.sym_cnt) {
			memcpy(exp_tab[j], ext[i]->exp_tab.syms,
			       sizeof(**exp_tab) * ext[i]->exp_tab.sym_cnt);
			fresh[i]->exp_tab.syms = exp_tab[j++];
		}
		memcpy(map[i], ldr[i]->sect_map, sizeof(**map) * ext[i]->sect_cnt);
	}
	for (i = 0; i < n_ext; i++) {
		for (j = 0; j < MODEL_MAX_DEPS && fresh[i]->dependency[j]; j++) {
			fresh[i]->dependency[j] = fresh[index_in_set(ext, n_ext,
								     fresh[i]->dependency[j])];
		}
	}
	for (i = 0; i < n_ext; i++) {
		list_append(fresh[i]);
		ext[i] = fresh[i];
		ldr[i]->sect_map = map[i];
	}
	heap_free(map);
	heap_free(exp_tab);
	return 0;

undo:
	while (n_fresh > 0) {
		heap_free(fresh[--n_fresh]);
	}
	while (n_tab > 0) {
		heap_free(exp_tab[--n_tab]);
	}
	heap_free(exp_tab);
	while (n_map > 0) {
		heap_free(map[--n_map]);
	}
	heap_free(map);
	return -HIL_ENOMEM;
}
