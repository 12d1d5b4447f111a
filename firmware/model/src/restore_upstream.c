/*
 * llext_relink_dependency() and llext_restore() as the upstream commit (Zephyr v4.2,
 * llext_experimental.c) does them, re-written over the model structures with the model
 * heap standing in for llext_alloc()/llext_free(). Every step keeps its place, including
 * what looks wrong:
 *  - the range check is `dep < first || dep >= last` with first = ext[0] and
 *    last = ext[n_ext - 1] taken on entry (a dependency on the last entry is rejected);
 *  - the final loop walks the WHOLE global list, so extensions loaded before the restore
 *    are checked too (their dependencies point outside the flat array: -EINVAL);
 *  - after that loop fails, `map` and `exp_tab`, already freed, are read and freed again;
 *  - the error path removes nodes with sys_slist_remove(list, NULL, node), which sets the
 *    list head to node->next whatever precedes the node;
 *  - `dependency[j] && j < 8` reads dependency[8] when all slots are full (emulated by
 *    dep_slot_nonnull(), see llext_list.c).
 * Pointer order comparisons go through uintptr_t: in C, `<` between unrelated objects is
 * undefined, while on the board it is a plain address comparison.
 */
#include <string.h>

#include "heap.h"
#include "llext_list.h"
#include "save_restore.h"

int upstream_relink_dependency(struct model_llext *ext, unsigned int n_ext)
{
	unsigned int i, j, k;

	for (i = 0; i < n_ext; i++) {
		for (j = 0; dep_slot_nonnull(&ext[i], j) && j < MODEL_MAX_DEPS; j++) {
			for (k = 0; k < n_ext; k++) {
				if (!strncmp(ext[k].name, ext[i].dependency[j]->name,
					     sizeof(ext[k].name))) {
					ext[i].dependency[j] = ext + k;
					break;
				}
			}
			if (k == n_ext) {
				return -HIL_ENOENT;
			}
		}
	}
	return 0;
}

/* sys_slist_remove(&llext_list, NULL, node): "prev is NULL" means "node is the head". */
static void slist_remove_as_head(struct model_snode *node)
{
	model_llext_list.head = node->next;
	if (model_llext_list.tail == node) {
		model_llext_list.tail = model_llext_list.head;
	}
	node->next = NULL;
}

int upstream_restore(struct model_llext **ext, struct model_loader **ldr, unsigned int n_ext)
{
	struct model_sect_map **map = heap_alloc(sizeof(*map) * n_ext, HEAP_TAG_RESTORE_MAP_LIST);
	/* n_ext == 0 would read ext[-1] here; the model reads nothing and lets the 0-byte
	 * allocation above fail as it does upstream. */
	struct model_llext *next, *first = n_ext ? ext[0] : NULL;
	struct model_llext *last = n_ext ? ext[n_ext - 1] : NULL;
	struct model_symbol **exp_tab = NULL;
	struct model_snode *node, *tmp;
	unsigned int i, j, n_map, n_exp_tab;
	int ret;

	if (!map) {
		return -HIL_ENOMEM;
	}

	/* Section maps first; n_map counts what to free if one allocation fails. */
	for (n_map = 0, n_exp_tab = 0; n_map < n_ext; n_map++) {
		map[n_map] = heap_alloc(sizeof(**map) * ext[n_map]->sect_cnt,
					HEAP_TAG_RESTORE_SECT_MAP);
		if (!map[n_map]) {
			ret = -HIL_ENOMEM;
			goto free_map;
		}
		if (ext[n_map]->exp_tab.sym_cnt) {
			n_exp_tab++;
		}
	}

	/* Always called, even for 0 entries (then NULL, and not an error). */
	exp_tab = heap_alloc(sizeof(*exp_tab) * n_exp_tab, HEAP_TAG_RESTORE_EXP_LIST);
	if (n_exp_tab) {
		if (!exp_tab) {
			ret = -HIL_ENOMEM;
			goto free_map;
		}
		for (i = 0, j = 0; i < n_ext; i++) {
			if (ext[i]->exp_tab.sym_cnt) {
				size_t size = sizeof(**exp_tab) * ext[i]->exp_tab.sym_cnt;

				exp_tab[j] = heap_alloc(size, HEAP_TAG_RESTORE_EXP_TAB);
				if (!exp_tab[j]) {
					ret = -HIL_ENOMEM;
					goto free_sym;
				}
				memcpy(exp_tab[j++], ext[i]->exp_tab.syms, size);
			}
		}
	}

	/* (llext_lock taken) New extensions, each appended to the global list at once. */
	for (i = 0, j = 0; i < n_ext; i++) {
		next = heap_alloc(sizeof(*next), HEAP_TAG_RESTORE_LLEXT);
		if (!next) {
			ret = -HIL_ENOMEM;
			goto free_llext;
		}
		*next = *ext[i];
		ext[i] = next;
		if (next->exp_tab.sym_cnt) {
			next->exp_tab.syms = exp_tab[j++];
		}
		list_append(next);
	}
	/* (llext_lock released) */

	for (i = 0; i < n_ext; i++) {
		memcpy(map[i], ldr[i]->sect_map, sizeof(struct model_sect_map) * ext[i]->sect_cnt);
		ldr[i]->sect_map = map[i];
	}

	heap_free(map);
	heap_free(exp_tab);

	/* Re-bind dependencies by name, over every extension in the list. */
	for (node = model_llext_list.head; node; node = node->next) {
		next = (struct model_llext *)node;
		for (j = 0; dep_slot_nonnull(next, j) && j < MODEL_MAX_DEPS; j++) {
			uintptr_t dep = (uintptr_t)next->dependency[j];

			if (dep < (uintptr_t)first || dep >= (uintptr_t)last) {
				ret = -HIL_EINVAL;   /* "dependency out of range" */
				goto free_locked;
			}
			next->dependency[j] = list_by_name(next->dependency[j]->name);
			if (!next->dependency[j]) {
				ret = -HIL_EFAULT;   /* "dependency not found" */
				goto free_locked;
			}
		}
	}
	return 0;

free_locked:
	/* (llext_lock taken) */
free_llext:
	/* Remove and free the extensions this call put in ext[], walking the whole list. */
	for (node = model_llext_list.head, tmp = node ? node->next : NULL; node;
	     node = tmp, tmp = node ? node->next : NULL) {
		next = (struct model_llext *)node;
		for (i = 0; i < n_ext; i++) {
			if (ext[i] == next) {
				slist_remove_as_head(node);
				heap_free(next);
				ext[i] = NULL;
				break;
			}
		}
	}
	/* (llext_lock released) */
free_sym:
	/* After a late failure exp_tab was freed above: this reads freed (poisoned) memory. */
	for (i = 0; i < n_exp_tab && exp_tab[i]; i++) {
		heap_free(exp_tab[i]);
	}
	heap_free(exp_tab);
free_map:
	/* Likewise map[] after a late failure. */
	for (i = 0; i < n_map; i++) {
		heap_free(map[i]);
	}
	heap_free(map);
	return ret;
}
