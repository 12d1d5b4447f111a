/*
 * The Zephyr LLEXT backend (struct hil_backend, profile "zephyr"): real llext_load /
 * llext_unload / llext_relink_dependency / llext_restore over images in the image store.
 *
 * Extensions are loaded with a WRITABLE buffer loader over their image, so LLEXT maps
 * code and data in place (in the no-init image store) instead of copying them to its
 * heap; loaders are kept (keep_section_info) in a static table because llext_restore()
 * needs their section maps. See docs/zephyr.md for the approach and its limits.
 */
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/cache.h>
#include <zephyr/llext/llext.h>
#include <zephyr/llext/loader.h>
#include <zephyr/llext/buf_loader.h>

/* struct llext_elf_sect_map: defined in <zephyr/llext/llext_internal.h> in the v4.2-era and
 * later trees (older ones: in subsys/llext/llext_priv.h itself); llext_priv.h includes it in
 * both, so including it covers either layout. */
#include "llext_priv.h"

#include "hil/images.h"
#include "glue.h"

struct loader_slot {
	bool used;
	struct llext *ext;
	struct llext_buf_loader bl;
};

static struct loader_slot slots[HIL_CTX_MAX_EXT];

/* save: flat array of copies; restore: copies, maps and symbols handed to llext_restore. */
static struct llext save_flat[HIL_CTX_MAX_EXT];
static struct llext restore_flat[HIL_CTX_MAX_EXT];
static struct llext_elf_sect_map restore_maps[HIL_CTX_MAX_MAPS];
static struct llext_symbol restore_syms[HIL_CTX_MAX_SYMS];

/* Layout of hil_snapshot.blob (same build only: the core refuses other builds). */
#define BLOB_MAGIC 0x5A4C4C58u /* "XLLZ" */
struct blob_head {
	uint32_t magic;
	uint32_t llext_size;
	uint32_t n;
	uint32_t n_syms;
};
/* then: uint64_t image_addr[n]; struct llext raw[n]; uint32_t sym_name_offset[n_syms] */

static size_t blob_size(uint32_t n, uint32_t n_syms)
{
	return sizeof(struct blob_head) + n * (sizeof(uint64_t) + sizeof(struct llext)) +
	       n_syms * sizeof(uint32_t);
}

static struct loader_slot *slot_of(const struct llext *ext)
{
	for (size_t i = 0; i < ARRAY_SIZE(slots); i++) {
		if (slots[i].used && slots[i].ext == ext) {
			return &slots[i];
		}
	}
	return NULL;
}

static struct loader_slot *free_slot(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(slots); i++) {
		if (!slots[i].used) {
			return &slots[i];
		}
	}
	return NULL;
}

static bool name_ok(const char *name)
{
	return name != NULL && name[0] != '\0' && strlen(name) <= HIL_NAME_MAX;
}

/* ---- load, unload, call ----------------------------------------------------------- */

static int be_load(const char *name, uint8_t *image, size_t len)
{
	struct llext_load_param param = LLEXT_LOAD_PARAM_DEFAULT;
	struct loader_slot *slot;
	struct llext *ext;
	int rc;

	if (!name_ok(name)) {
		return name ? -HIL_ENAMETOOLONG : -HIL_EINVAL;
	}
	ext = llext_by_name(name);
	if (ext != NULL) {
		/* Already loaded: llext_load only increments the use count, the loader is unused. */
		slot = slot_of(ext);
		if (slot == NULL) {
			return -HIL_EFAULT;
		}
		return llext_load(&slot->bl.loader, name, &ext, &param);
	}
	slot = free_slot();
	if (slot == NULL) {
		return -HIL_ENOSPC;
	}
	{
		struct llext_buf_loader bl = LLEXT_WRITABLE_BUF_LOADER(image, len);

		slot->bl = bl;
	}
	param.keep_section_info = true;   /* llext_restore needs the loader's section map */
	rc = llext_load(&slot->bl.loader, name, &slot->ext, &param);
	if (rc >= 0) {
		slot->used = true;
	}
	return rc;
}

static int be_unload(const char *name, uint32_t *use_count_after)
{
	struct llext *ext = name_ok(name) ? llext_by_name(name) : NULL;
	struct loader_slot *slot;
	int rc;

	if (ext == NULL) {
		return -HIL_ENOENT;
	}
	slot = slot_of(ext);
	if (ext->use_count == 1U && slot != NULL) {
		/* Last reference: the kept section map must go first (llext.h: "must be freed
		 * by llext_free_inspection_data before the extension can be unloaded"). */
		(void)llext_free_inspection_data(&slot->bl.loader, ext);
	}
	rc = llext_unload(&ext);
	if (rc < 0) {
		return rc;
	}
	if (ext == NULL) {
		*use_count_after = 0;
		if (slot != NULL) {
			slot->used = false;
			slot->ext = NULL;
		}
	} else {
		*use_count_after = ext->use_count;
	}
	return 0;
}

static int be_call(const char *name, const char *symbol, int32_t *value)
{
	struct llext *ext = name_ok(name) ? llext_by_name(name) : NULL;
	const void *addr;
	int (*fn)(void);

	if (ext == NULL || symbol == NULL) {
		return -HIL_ENOENT;
	}
	addr = llext_find_sym(&ext->exp_tab, symbol);
	if (addr == NULL) {
		return -HIL_ENOENT;
	}
	fn = (int (*)(void))(uintptr_t)addr;
	*value = (int32_t)fn();
	return 0;
}

static int be_use_count(const char *name, uint32_t *use_count)
{
	struct llext *ext = name_ok(name) ? llext_by_name(name) : NULL;

	if (ext == NULL) {
		return -HIL_ENOENT;
	}
	*use_count = ext->use_count;
	return 0;
}

/* ---- list, heap ------------------------------------------------------------------- */

struct list_ctx {
	struct hil_ext_state *out;
	size_t first;
	size_t max;
	size_t count;
};

static int is_ext(struct llext *ext, void *arg)
{
	return ext == arg ? 1 : 0;   /* non-zero stops the iteration and is returned */
}

/*
 * A dependency pointer still names a struct llext: listed, or a live LLEXT heap block of at least
 * that size. After `unload` of an extension another one depends on (its use count dropped to 0)
 * the pointer dangles: its name is not read from freed memory but shown as "?", as the model
 * board does (docs/model.md).
 */
static bool dep_live(const struct llext *dep)
{
	return llext_iterate(is_ext, (void *)dep) != 0 || hil_zheap_block_size(dep) >= sizeof(struct llext);
}

static int describe_one(struct llext *ext, void *arg)
{
	struct list_ctx *ctx = arg;
	struct loader_slot *slot = slot_of(ext);
	struct hil_ext_state *s;
	unsigned int j;

	if (ctx->out != NULL && ctx->count >= ctx->first && ctx->count - ctx->first < ctx->max) {
		s = &ctx->out[ctx->count - ctx->first];
		memset(s, 0, sizeof(*s));
		strncpy(s->name, ext->name, HIL_NAME_MAX);
		s->use_count = ext->use_count;
		s->exp_cnt = (uint32_t)ext->exp_tab.sym_cnt;
		s->sect_cnt = ext->sect_cnt;
		s->alloc = hil_zheap_block_size(ext) + hil_zheap_block_size(ext->exp_tab.syms) +
			   (slot ? hil_zheap_block_size(slot->bl.loader.sect_map) : 0U);
		for (j = 0; j < HIL_MAX_DEPS && ext->dependency[j] != NULL; j++) {
			strncpy(s->deps[j], dep_live(ext->dependency[j]) ? ext->dependency[j]->name : "?",
				HIL_NAME_MAX);
		}
		s->n_deps = j;
	}
	ctx->count++;
	return 0;   /* keep iterating */
}

static size_t be_list(size_t first, struct hil_ext_state *out, size_t max)
{
	struct list_ctx ctx = { out, first, max, 0 };

	(void)llext_iterate(describe_one, &ctx);
	return ctx.count;
}

static void be_heap(struct hil_heap_stats *out)
{
	hil_zheap_stats(out);
}

/* ---- save ------------------------------------------------------------------------- */

static bool in_image(const void *p, const uint8_t *base, size_t len)
{
	return (const uint8_t *)p >= base && (const uint8_t *)p < base + len;
}

/* Only an extension whose every region lives in its image can come back after a reset:
 * heap blocks (a .bss, a region copied for alignment) are gone after the reboot. */
static int check_restorable(const struct llext *ext, const uint8_t *base, size_t len)
{
	for (int k = 0; k < LLEXT_MEM_COUNT; k++) {
		if (ext->mem_on_heap[k] || (ext->mem[k] != NULL && !in_image(ext->mem[k], base, len))) {
			return -HIL_ENOTSUP;
		}
	}
	if (ext->sect_hdrs_on_heap) {
		return -HIL_ENOTSUP;
	}
	return 0;
}

/* The last save, read back record by record by the core while it streams the context. */
static struct hil_saved_ext saved[HIL_CTX_MAX_EXT];
static const struct llext *saved_orig[HIL_CTX_MAX_EXT];
static const struct loader_slot *saved_slot[HIL_CTX_MAX_EXT];
static uint32_t name_off[HIL_CTX_MAX_SYMS];
static uint64_t image_addr[HIL_CTX_MAX_EXT];
static struct blob_head saved_head;

static int describe_saved(const struct llext *ext, const struct loader_slot *slot, uint32_t i,
			  const uint8_t *base, size_t len, struct hil_snapshot *snap)
{
	int rc;

	if (slot->bl.loader.sect_map == NULL) {
		return -HIL_EFAULT;
	}
	rc = hil_saved_add(snap, &saved[i], ext->name, ext->use_count, ext->sect_cnt,
			   (uint32_t)ext->exp_tab.sym_cnt);
	if (rc != 0) {
		return rc;
	}
	for (size_t k = 0; k < ext->exp_tab.sym_cnt; k++) {
		const struct llext_symbol *sym = &ext->exp_tab.syms[k];

		if (strlen(sym->name) > HIL_SYM_NAME_MAX) {
			return -HIL_ENOSPC;
		}
		if (!in_image(sym->addr, base, len) || !in_image(sym->name, base, len)) {
			return -HIL_ENOTSUP;
		}
		name_off[saved[i].sym_first + k] = (uint32_t)((const uint8_t *)sym->name - base);
	}
	saved_orig[i] = ext;
	saved_slot[i] = slot;
	return 0;
}

static int saved_map(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_map *out)
{
	uint32_t i, j;
	int rc = hil_saved_locate(snap, k, true, &i, &j);

	if (rc == 0) {
		out->mem_idx = (uint32_t)saved_slot[i]->bl.loader.sect_map[j].mem_idx;
		out->offset = (uint32_t)saved_slot[i]->bl.loader.sect_map[j].offset;
	}
	return rc;
}

static int saved_sym(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_sym *out)
{
	uint32_t i, j;
	int rc = hil_saved_locate(snap, k, false, &i, &j);

	if (rc == 0) {
		const struct llext_symbol *sym = &saved_orig[i]->exp_tab.syms[j];
		const uint8_t *base = (const uint8_t *)(uintptr_t)image_addr[i];

		hil_saved_sym_set(out, sym->name, (uint32_t)((const uint8_t *)sym->addr - base));
	}
	return rc;
}

/* Blob bytes [off, off+len) of head | image_addr[n] | raw struct llext[n] | name_off[n_syms],
 * copied from the arrays they live in (never assembled in one buffer). */
static int saved_blob(const struct hil_snapshot *snap, uint32_t off, void *dst, size_t len)
{
	const struct {
		const void *p;
		size_t len;
	} part[] = {
		{ &saved_head, sizeof(saved_head) },
		{ image_addr, snap->n * sizeof(uint64_t) },
		{ save_flat, snap->n * sizeof(struct llext) },
		{ name_off, snap->n_syms * sizeof(uint32_t) },
	};
	uint8_t *out = dst;

	if (off > snap->blob_len || len > snap->blob_len - off) {
		return -HIL_EINVAL;
	}
	for (size_t k = 0; k < ARRAY_SIZE(part) && len > 0; k++) {
		if (off >= part[k].len) {
			off -= part[k].len;
			continue;
		}
		size_t take = MIN(part[k].len - off, len);

		memcpy(out, (const uint8_t *)part[k].p + off, take);
		out += take;
		len -= take;
		off = 0;
	}
	return 0;
}

static int be_save(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap)
{
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
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		struct llext *ext = memchr(names[i], '\0', HIL_NAME_MAX + 1) ? llext_by_name(names[i])
									   : NULL;
		struct loader_slot *slot = ext ? slot_of(ext) : NULL;
		uint8_t *base;
		size_t len;

		if (ext == NULL) {
			rc = -HIL_ENOENT;
			break;
		}
		if (slot == NULL || hil_images_find(ext->name, &base, &len) != 0) {
			rc = -HIL_EFAULT;   /* every extension we list was loaded from an image */
			break;
		}
		image_addr[i] = (uint64_t)(uintptr_t)base;
		rc = check_restorable(ext, base, len);
		if (rc == 0) {
			rc = describe_saved(ext, slot, i, base, len, snap);
		}
		save_flat[i] = *ext;   /* by value, as the upstream API expects */
	}
	if (rc == 0) {
		rc = llext_relink_dependency(save_flat, (unsigned int)n);
	}
	if (rc != 0) {
		snap->n_maps = snap->n_syms = 0;
		return rc;
	}
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = 0; j < HIL_MAX_DEPS && save_flat[i].dependency[j] != NULL; j++) {
			ptrdiff_t k = save_flat[i].dependency[j] - save_flat;

			if (k < 0 || (size_t)k >= n) {
				snap->n_maps = snap->n_syms = 0;
				return -HIL_EFAULT;   /* relink returned 0 but left a foreign pointer */
			}
			saved[i].dep[j] = (uint8_t)k;
		}
		/* Heap pointers do not survive the reset: the symbol table (kept only with
		 * CONFIG_LLEXT_LOG_LEVEL_DBG) is dropped; exp_tab is rebuilt from the snapshot. */
		save_flat[i].sym_tab.sym_cnt = 0;
		save_flat[i].sym_tab.syms = NULL;
	}
	if (blob_size((uint32_t)n, snap->n_syms) > HIL_CTX_BLOB_MAX) {
		snap->n_maps = snap->n_syms = 0;
		return -HIL_ENOSPC;
	}
	saved_head.magic = BLOB_MAGIC;
	saved_head.llext_size = sizeof(struct llext);
	saved_head.n = (uint32_t)n;
	saved_head.n_syms = snap->n_syms;
	snap->blob_len = (uint32_t)blob_size((uint32_t)n, snap->n_syms);
	snap->n = (uint32_t)n;
	return 0;
}

/* ---- restore ---------------------------------------------------------------------- */

/* The blob's head matches this build and the snapshot's counts (the rest of what restore
 * relies on is hil_snapshot_check, shared with the model). */
static int blob_ok(const struct hil_snapshot *snap, struct blob_head *head)
{
	if (snap->blob_len < sizeof(*head) || snap->blob(snap, 0, head, sizeof(*head)) != 0) {
		return -HIL_EINVAL;
	}
	if (head->magic != BLOB_MAGIC || head->llext_size != sizeof(struct llext) ||
	    head->n != snap->n || head->n_syms != snap->n_syms ||
	    snap->blob_len != blob_size(snap->n, snap->n_syms)) {
		return -HIL_EINVAL;
	}
	return 0;
}

/* Copy i: the raw struct from the blob with every pointer re-derived from the snapshot,
 * read record by record. */
static int rebuild(const struct hil_snapshot *snap, uint32_t i, struct loader_slot *slot)
{
	struct hil_saved_ext s;
	struct llext *c = &restore_flat[i];
	uint32_t raw_at = sizeof(struct blob_head) + snap->n * sizeof(uint64_t);
	uint32_t names_at = raw_at + snap->n * sizeof(struct llext);
	uint64_t saved_addr;
	uint8_t *base;
	size_t len;

	if (snap->ext(snap, i, &s) != 0 ||
	    snap->blob(snap, sizeof(struct blob_head) + i * sizeof(uint64_t), &saved_addr,
		       sizeof(saved_addr)) != 0 ||
	    snap->blob(snap, raw_at + i * sizeof(struct llext), c, sizeof(*c)) != 0) {
		return -HIL_EIO;
	}
	/* No check that the name is free: llext_restore() itself appends copies whatever the
	 * list holds, and that upstream behaviour (duplicates, the restore error paths) is what
	 * the twin predicts and the suite checks (restore-twice*, docs/zephyr.md). */
	if (hil_images_find(s.name, &base, &len) != 0 || (uint64_t)(uintptr_t)base != saved_addr ||
	    c->sect_cnt != s.sect_cnt || c->exp_tab.sym_cnt != s.exp_cnt) {
		return -HIL_EFAULT;  /* image not re-instated at its saved address */
	}
	memset(&c->llext_list, 0, sizeof(c->llext_list));
	memset(c->name, 0, sizeof(c->name));
	strncpy(c->name, s.name, sizeof(c->name) - 1);
	c->use_count = s.use_count;
	c->sym_tab.sym_cnt = 0;
	c->sym_tab.syms = NULL;
	{
		bool ended = false;

		for (uint32_t j = 0; j < HIL_MAX_DEPS; j++) {
			ended = ended || s.dep[j] == HIL_DEP_NONE;
			c->dependency[j] = ended ? NULL : &restore_flat[s.dep[j]];
		}
	}
	for (uint32_t k = 0; k < s.exp_cnt; k++) {
		uint32_t off;
		struct hil_saved_sym sym;

		if (snap->sym(snap, s.sym_first + k, &sym) != 0 ||
		    snap->blob(snap, names_at + (s.sym_first + k) * sizeof(uint32_t), &off,
			       sizeof(off)) != 0) {
			return -HIL_EIO;
		}
		if (off >= len || sym.value >= len) {
			return -HIL_EINVAL;
		}
		/* names point into the image (the extension's own strings), so they stay valid
		 * for as long as the extension is loaded */
		restore_syms[s.sym_first + k].name = (const char *)(base + off);
		restore_syms[s.sym_first + k].addr = base + sym.value;
	}
	c->exp_tab.syms = s.exp_cnt ? &restore_syms[s.sym_first] : NULL;
	for (uint32_t k = 0; k < s.sect_cnt; k++) {
		struct hil_saved_map m;

		if (snap->map(snap, s.map_first + k, &m) != 0) {
			return -HIL_EIO;
		}
		restore_maps[s.map_first + k].mem_idx = (enum llext_mem)m.mem_idx;
		restore_maps[s.map_first + k].offset = m.offset;
	}
	{
		struct llext_buf_loader bl = LLEXT_WRITABLE_BUF_LOADER(base, len);

		slot->bl = bl;
	}
	slot->bl.loader.sect_map = &restore_maps[s.map_first];
	slot->ext = NULL;
	return 0;
}

static int be_restore(const struct hil_snapshot *snap, const uint8_t *order)
{
	struct loader_slot *slot_for[HIL_CTX_MAX_EXT];
	struct llext *ext[HIL_CTX_MAX_EXT];
	struct llext_loader *ldr[HIL_CTX_MAX_EXT];
	struct blob_head head;
	uint32_t i, taken = 0;
	int rc;

	if (snap == NULL || snap->n == 0U) {
		return 0;   /* nothing saved: llext_restore is not called (as SOF does) */
	}
	if (order == NULL) {
		return -HIL_EINVAL;
	}
	rc = hil_snapshot_check(snap, order, LLEXT_MEM_COUNT);
	if (rc == 0) {
		rc = blob_ok(snap, &head);
	}
	if (rc != 0) {
		return -HIL_EINVAL;
	}
	/* Reserve one free loader slot per copy (marked used only on success). */
	for (i = 0; i < ARRAY_SIZE(slots) && taken < snap->n; i++) {
		if (!slots[i].used) {
			slot_for[taken++] = &slots[i];
		}
	}
	if (taken < snap->n) {
		return -HIL_ENOSPC;
	}
	for (i = 0; i < snap->n; i++) {
		rc = rebuild(snap, i, slot_for[i]);
		if (rc != 0) {
			return rc;
		}
	}
	for (i = 0; i < snap->n; i++) {
		ext[i] = &restore_flat[order[i]];
		ldr[i] = &slot_for[order[i]]->bl.loader;
	}
	/* The core copied the images (code included) back with plain memory writes: make
	 * them visible to instruction fetch. Both are no-ops without cache management. */
	(void)sys_cache_data_flush_all();
	(void)sys_cache_instr_invd_all();

	rc = llext_restore(ext, ldr, snap->n);
	if (rc == 0) {
		for (i = 0; i < snap->n; i++) {
			slot_for[order[i]]->ext = ext[i];
			slot_for[order[i]]->used = true;
		}
	}
	return rc;
}

/* ---- faults ----------------------------------------------------------------------- */

static void be_fault_alloc(uint32_t k)
{
	hil_zheap_fault_arm(k);
}

static uint32_t be_fault_alloc_armed(void)
{
	return hil_zheap_fault_armed();
}

static uint32_t be_alloc_calls(void)
{
	return hil_zheap_alloc_calls();
}

static const struct hil_backend backend = {
	.profile = "zephyr",
	.sizes = {
		.llext = sizeof(struct llext),
		.sect_map = sizeof(struct llext_elf_sect_map),
		.symbol = sizeof(struct llext_symbol),
		.ptr = sizeof(void *),
	},
	.load = be_load,
	.unload = be_unload,
	.call = be_call,
	.use_count = be_use_count,
	.list = be_list,
	.heap = be_heap,
	.save = be_save,
	.restore = be_restore,
	.fault_alloc = be_fault_alloc,
	.fault_alloc_armed = be_fault_alloc_armed,
	.alloc_calls = be_alloc_calls,
};

const struct hil_backend *hil_zephyr_backend(void)
{
	return &backend;
}
