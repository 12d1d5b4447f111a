/*
 * The backend's `save` and `restore`: what an application (Sound Open Firmware is the
 * reference user) does around llext_relink_dependency() and llext_restore().
 *
 * save: copy each named extension by value into a static flat array (not the LLEXT heap),
 * describe it (its section map and exported symbols stay where they are: the snapshot's
 * accessors read them when the core streams the context to flash), relink the flat array,
 * then record each dependency as the index of the copy it points to.
 * restore: rebuild the copies and loaders in static memory, reading the snapshot record by
 * record (the bounds every restore relies on: hil_snapshot_check), re-bind
 * each copy to its image by name (the core has re-instated the images), hand
 * ext[i] = copy order[i] to llext_restore() of the selected profile.
 */
#include <string.h>

#include "elf.h"
#include "heap.h"
#include "hil/images.h"
#include "llext_list.h"
#include "save_restore.h"

static enum model_profile profile;

static struct model_llext save_copies[HIL_CTX_MAX_EXT];
/* What the last save described: the core reads it back record by record. */
static const struct model_llext *save_orig[HIL_CTX_MAX_EXT];
static struct hil_saved_ext saved[HIL_CTX_MAX_EXT];

static struct model_llext restore_copies[HIL_CTX_MAX_EXT];
static struct model_loader restore_loaders[HIL_CTX_MAX_EXT];
static struct model_sect_map restore_maps[HIL_CTX_MAX_MAPS];
static struct model_symbol restore_syms[HIL_CTX_MAX_SYMS];

void context_set_profile(enum model_profile p)
{
	profile = p;
}

static int relink(struct model_llext *ext, unsigned int n)
{
	return profile == MODEL_PROFILE_CONTRACT ? contract_relink_dependency(ext, n)
						 : upstream_relink_dependency(ext, n);
}

static int restore(struct model_llext **ext, struct model_loader **ldr, unsigned int n)
{
	return profile == MODEL_PROFILE_CONTRACT ? contract_restore(ext, ldr, n)
						 : upstream_restore(ext, ldr, n);
}

static int name_ok(const char *name, size_t size)
{
	return memchr(name, '\0', size) != NULL && name[0] != '\0';
}

/* Describe extension `ext` (about to become copy i): its record and where its maps and
 * symbols start in the snapshot's tables. */
static int describe(const struct model_llext *ext, uint32_t i, struct hil_snapshot *snap)
{
	const struct model_loader *ldr = loader_of(ext);
	size_t k;

	if (!ldr || (ext->sect_cnt && !ldr->sect_map)) {
		return -HIL_EFAULT;   /* every listed extension keeps its loader */
	}
	for (k = 0; k < ext->exp_tab.sym_cnt; k++) {
		if (strlen(ext->exp_tab.syms[k].name) > HIL_SYM_NAME_MAX) {
			return -HIL_ENOSPC;
		}
	}
	save_orig[i] = ext;
	return hil_saved_add(snap, &saved[i], ext->name, ext->use_count, ext->sect_cnt,
			     (uint32_t)ext->exp_tab.sym_cnt);
}

static int saved_map(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_map *out)
{
	uint32_t i, j;
	int rc = hil_saved_locate(snap, k, true, &i, &j);

	if (rc == 0) {
		out->mem_idx = (uint32_t)loader_of(save_orig[i])->sect_map[j].mem_idx;
		out->offset = (uint32_t)loader_of(save_orig[i])->sect_map[j].offset;
	}
	return rc;
}

static int saved_sym(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_sym *out)
{
	uint32_t i, j;
	int rc = hil_saved_locate(snap, k, false, &i, &j);

	if (rc == 0) {
		const struct model_symbol *sym = &save_orig[i]->exp_tab.syms[j];

		hil_saved_sym_set(out, sym->name,
				  (uint32_t)((uintptr_t)sym->addr - (uintptr_t)save_orig[i]->image));
	}
	return rc;
}

static int saved_blob(const struct hil_snapshot *snap, uint32_t off, void *dst, size_t len)
{
	(void)snap;
	(void)dst;
	return off == 0 && len == 0 ? 0 : -HIL_EINVAL;   /* the model keeps no private bytes */
}

int context_save(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap)
{
	uint32_t i, j, k;
	int rc = 0;

	memset(snap, 0, sizeof(*snap));
	snap->user = saved;
	snap->ext = hil_saved_ext_at;
	snap->map = saved_map;
	snap->sym = saved_sym;
	snap->blob = saved_blob;
	if (n > HIL_CTX_MAX_EXT) {
		return -HIL_ENOSPC;
	}
	for (i = 0; i < n && rc == 0; i++) {
		const struct model_llext *ext = name_ok(names[i], sizeof(names[i]))
						? list_by_name(names[i]) : NULL;

		if (!ext) {
			rc = -HIL_ENOENT;
			break;
		}
		save_copies[i] = *ext;
		rc = describe(ext, i, snap);
	}
	if (rc == 0) {
		rc = relink(save_copies, (unsigned int)n);
	}
	if (rc) {
		snap->n_maps = snap->n_syms = 0;
		return rc;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < HIL_MAX_DEPS && save_copies[i].dependency[j]; j++) {
			for (k = 0; k < n && save_copies[i].dependency[j] != &save_copies[k]; k++) {
			}
			if (k == n) {
				snap->n_maps = snap->n_syms = 0;
				return -HIL_EFAULT;   /* relink returned 0 but left a foreign pointer */
			}
			saved[i].dep[j] = (uint8_t)k;
		}
	}
	snap->n = (uint32_t)n;
	return 0;
}

/* The exported symbol `name` of the parsed image, or NULL. */
static const char *image_symbol_name(const struct elf_info *elf, const char *name)
{
	uint32_t i;

	for (i = 1; i < elf->sym_cnt; i++) {
		struct elf_symbol sym;

		elf_symbol(elf, i, &sym);
		if (elf_is_export(&sym) && strcmp(sym.name, name) == 0) {
			return sym.name;
		}
	}
	return NULL;
}

/* Copy i and its loader, bound to the re-instated image. */
static int rebuild(const struct hil_snapshot *snap, uint32_t i)
{
	struct hil_saved_ext s;
	struct model_llext *c = &restore_copies[i];
	struct elf_info elf;
	uint8_t *image;
	size_t len;
	uint32_t j;
	int rc = snap->ext(snap, i, &s);

	if (rc) {
		return rc;
	}
	if (hil_images_find(s.name, &image, &len) != 0) {
		return -HIL_ENOENT;
	}
	if (elf_parse(image, len, &elf) != 0) {
		return -HIL_ENOEXEC;
	}
	memset(c, 0, sizeof(*c));
	memcpy(c->name, s.name, sizeof(c->name));
	c->use_count = s.use_count;
	c->sect_cnt = s.sect_cnt;
	c->image = image;
	c->image_len = len;
	c->exp_tab.sym_cnt = s.exp_cnt;
	c->exp_tab.syms = s.exp_cnt ? &restore_syms[s.sym_first] : NULL;
	for (j = 0; j < HIL_MAX_DEPS && s.dep[j] != HIL_DEP_NONE; j++) {
		c->dependency[j] = &restore_copies[s.dep[j]];
	}
	for (j = 0; j < s.exp_cnt; j++) {
		struct hil_saved_sym saved_sym_j;
		struct model_symbol *sym = &restore_syms[s.sym_first + j];

		rc = snap->sym(snap, s.sym_first + j, &saved_sym_j);
		if (rc) {
			return rc;
		}
		/* names point into the image, as after a load, so they outlive the snapshot */
		sym->name = image_symbol_name(&elf, saved_sym_j.name);
		if (!sym->name || saved_sym_j.value > len) {
			return -HIL_ENOEXEC;
		}
		sym->addr = image + saved_sym_j.value;
	}
	for (j = 0; j < s.sect_cnt; j++) {
		struct hil_saved_map m;

		rc = snap->map(snap, s.map_first + j, &m);
		if (rc) {
			return rc;
		}
		restore_maps[s.map_first + j].mem_idx = (enum model_mem)m.mem_idx;
		restore_maps[s.map_first + j].offset = m.offset;
	}
	restore_loaders[i].sect_map = s.sect_cnt ? &restore_maps[s.map_first] : NULL;
	restore_loaders[i].ext = NULL;
	return 0;
}

int context_restore(const struct hil_snapshot *snap, const uint8_t *order)
{
	struct model_llext *ext[HIL_CTX_MAX_EXT];
	struct model_loader *ldr[HIL_CTX_MAX_EXT];
	uint32_t i, n;
	int rc;

	if (!snap || hil_snapshot_check(snap, order, MODEL_MEM_COUNT) != 0) {
		return -HIL_EINVAL;
	}
	n = snap->n;
	if (loaders_free() < n) {
		return -HIL_ENOSPC;
	}
	for (i = 0; i < n; i++) {
		rc = rebuild(snap, i);
		if (rc) {
			return rc;
		}
	}
	for (i = 0; i < n; i++) {
		ext[i] = &restore_copies[order[i]];
		ldr[i] = &restore_loaders[order[i]];
	}
	rc = restore(ext, ldr, n);
	if (rc == 0) {
		for (i = 0; i < n; i++) {
			(void)loader_bind(ext[i], ldr[i]->sect_map);   /* room checked above */
		}
	}
	return rc;
}
