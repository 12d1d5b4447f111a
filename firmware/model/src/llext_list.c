#include "llext_list.h"

#include <string.h>

#include "elf.h"
#include "heap.h"

struct model_slist model_llext_list;

static struct model_loader loaders[MODEL_MAX_LOADERS];
static uint32_t slot8_reads, stale_dep_count;

/* The emulation of the upstream over-read relies on Zephyr's field order. */
typedef char sect_cnt_follows_dependency[
	(offsetof(struct model_llext, sect_cnt) ==
	 offsetof(struct model_llext, dependency) + sizeof(((struct model_llext *)0)->dependency))
	? 1 : -1];

void list_reset(void)
{
	model_llext_list.head = NULL;
	model_llext_list.tail = NULL;
	memset(loaders, 0, sizeof(loaders));
	slot8_reads = 0;
	stale_dep_count = 0;
}

void list_append(struct model_llext *ext)
{
	ext->llext_list.next = NULL;
	if (model_llext_list.tail) {
		model_llext_list.tail->next = &ext->llext_list;
	} else {
		model_llext_list.head = &ext->llext_list;
	}
	model_llext_list.tail = &ext->llext_list;
}

void list_remove(struct model_llext *ext)
{
	struct model_snode *prev = NULL, *n;

	for (n = model_llext_list.head; n; prev = n, n = n->next) {
		if (n == &ext->llext_list) {
			if (prev) {
				prev->next = n->next;
			} else {
				model_llext_list.head = n->next;
			}
			if (model_llext_list.tail == n) {
				model_llext_list.tail = prev;
			}
			n->next = NULL;
			return;
		}
	}
}

int list_contains(const struct model_llext *ext)
{
	const struct model_snode *n;

	for (n = model_llext_list.head; n; n = n->next) {
		if (n == &ext->llext_list) {
			return 1;
		}
	}
	return 0;
}

struct model_llext *list_by_name(const char *name)
{
	struct model_snode *n;

	for (n = model_llext_list.head; n; n = n->next) {
		struct model_llext *ext = (struct model_llext *)n;   /* node is the first member */

		if (strncmp(ext->name, name, sizeof(ext->name)) == 0) {
			return ext;
		}
	}
	return NULL;
}

struct model_loader *loader_of(const struct model_llext *ext)
{
	unsigned int i;

	for (i = 0; i < MODEL_MAX_LOADERS; i++) {
		if (loaders[i].ext == ext) {
			return &loaders[i];
		}
	}
	return NULL;
}

int loader_bind(struct model_llext *ext, struct model_sect_map *sect_map)
{
	unsigned int i;

	for (i = 0; i < MODEL_MAX_LOADERS; i++) {
		if (loaders[i].ext == NULL) {
			loaders[i].ext = ext;
			loaders[i].sect_map = sect_map;
			return 0;
		}
	}
	return -HIL_ENOSPC;
}

unsigned int loaders_free(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MODEL_MAX_LOADERS; i++) {
		n += loaders[i].ext == NULL;
	}
	return n;
}

static void loader_release(const struct model_llext *ext)
{
	struct model_loader *ldr = loader_of(ext);

	if (ldr) {
		ldr->ext = NULL;
		ldr->sect_map = NULL;
	}
}

int llext_is_live(const struct model_llext *ext)
{
	uint32_t tag;

	if (list_contains(ext)) {
		return 1;
	}
	tag = heap_block_tag(ext);
	return tag == HEAP_TAG_LOAD_LLEXT || tag == HEAP_TAG_RESTORE_LLEXT;
}

int dep_slot_nonnull(const struct model_llext *ext, unsigned int j)
{
	if (j < MODEL_MAX_DEPS) {
		return ext->dependency[j] != NULL;
	}
	/* dependency[8] is sect_cnt (plus padding on 64-bit) seen as a pointer */
	slot8_reads++;
	return ext->sect_cnt != 0;
}

uint32_t dep_slot8_reads(void)
{
	return slot8_reads;
}

void count_stale_dep(void)
{
	stale_dep_count++;
}

uint32_t stale_deps(void)
{
	return stale_dep_count;
}

/* The loaded extension exporting `name`, first in list order; NULL if none. */
static struct model_llext *find_exporter(const char *name)
{
	struct model_snode *n;

	for (n = model_llext_list.head; n; n = n->next) {
		struct model_llext *ext = (struct model_llext *)n;
		size_t i;

		for (i = 0; i < ext->exp_tab.sym_cnt; i++) {
			if (strcmp(ext->exp_tab.syms[i].name, name) == 0) {
				return ext;
			}
		}
	}
	return NULL;
}

/* llext_dependency_add(): first free slot unless present; 8 full -> dropped. */
static void add_dependency(struct model_llext *ext, struct model_llext *dep)
{
	unsigned int i;

	for (i = 0; i < MODEL_MAX_DEPS; i++) {
		if (ext->dependency[i] == dep) {
			return;
		}
		if (ext->dependency[i] == NULL) {
			ext->dependency[i] = dep;
			dep->use_count++;
			return;
		}
	}
}

static void fill_tables(struct model_llext *ext, const struct elf_info *elf,
			struct model_sect_map *map)
{
	uint32_t i, e = 0;

	for (i = 0; i < elf->shnum; i++) {
		struct elf_section s;

		elf_section(elf, i, &s);
		map[i].mem_idx = elf_mem_idx(elf, i);
		map[i].offset = (size_t)s.offset;
	}
	for (i = 1; i < elf->sym_cnt; i++) {
		struct elf_symbol sym;

		elf_symbol(elf, i, &sym);
		if (elf_is_export(&sym)) {
			ext->exp_tab.syms[e].name = sym.name;
			ext->exp_tab.syms[e].addr = ext->image + elf_export_offset(elf, &sym);
			e++;
		}
	}
}

/* llext_link(): each import resolved against the list (first exporter wins) and its provider
 * added with llext_dependency_add(); an import nobody exports ends linking with -ENODATA, and
 * the dependencies added before it keep their counts (upstream's failure path does not call
 * llext_dependency_remove_all()). */
static int link_imports(struct model_llext *ext, const struct elf_info *elf)
{
	uint32_t i;

	for (i = 1; i < elf->sym_cnt; i++) {
		struct elf_symbol sym;
		struct model_llext *provider;

		elf_symbol(elf, i, &sym);
		if (!elf_is_import(&sym)) {
			continue;
		}
		provider = find_exporter(sym.name);
		if (provider == NULL) {
			return -MODEL_ENODATA;
		}
		add_dependency(ext, provider);
	}
	return 0;
}

/* do_llext_load()'s "out:" path on failure, then llext_load()'s llext_free(*ext). */
static int load_failed(struct model_llext *ext, struct model_sect_map *map, int rc)
{
	heap_free(map);                 /* llext_free_inspection_data() */
	heap_free(ext->exp_tab.syms);
	heap_free(ext);
	return rc;
}

/* llext_load() + do_llext_load() in their order: struct, section map, linking, exported table. */
int model_load(const char *name, uint8_t *image, size_t len)
{
	struct model_llext *ext, *dup;
	struct model_sect_map *map;
	struct elf_info elf;
	int rc;

	if (name == NULL || name[0] == '\0') {
		return -HIL_EINVAL;
	}
	if (strlen(name) > HIL_NAME_MAX) {
		return -HIL_ENAMETOOLONG;
	}
	dup = list_by_name(name);
	if (dup) {
		return (int)dup->use_count++;   /* Zephyr returns the count before the increment */
	}
	rc = elf_parse(image, len, &elf);
	if (rc) {
		return rc;
	}
	if (loaders_free() == 0) {
		return -HIL_ENOSPC;
	}

	ext = heap_alloc(sizeof(*ext), HEAP_TAG_LOAD_LLEXT);
	if (!ext) {
		return -HIL_ENOMEM;
	}
	memset(ext, 0, sizeof(*ext));
	map = heap_alloc(sizeof(*map) * elf.shnum, HEAP_TAG_LOAD_SECT_MAP);
	if (!map) {
		heap_free(ext);
		return -HIL_ENOMEM;
	}
	rc = link_imports(ext, &elf);
	if (rc) {
		return load_failed(ext, map, rc);
	}
	if (elf.exp_cnt) {
		ext->exp_tab.syms = heap_alloc(sizeof(*ext->exp_tab.syms) * elf.exp_cnt,
					       HEAP_TAG_LOAD_EXP_TAB);
		if (!ext->exp_tab.syms) {
			return load_failed(ext, map, -HIL_ENOMEM);
		}
	}
	ext->exp_tab.sym_cnt = elf.exp_cnt;
	ext->sect_cnt = elf.shnum;
	ext->image = image;
	ext->image_len = len;
	memcpy(ext->name, name, strlen(name) + 1);
	fill_tables(ext, &elf, map);
	ext->use_count = 1;
	list_append(ext);
	(void)loader_bind(ext, map);   /* a free slot was checked above */
	return 0;
}

/* The Zephyr backend's unload: llext_by_name() (the first namesake); on the last reference
 * llext_free_inspection_data() (the kept section map); then llext_unload(): count down, still
 * used: return it; else unlink, llext_dependency_remove_all() with its
 * __ASSERT(use_count, "LLEXT dependency use-count underrun!"), exported table, struct. */
int model_unload(const char *name, uint32_t *use_count_after)
{
	struct model_llext *ext = list_by_name(name);
	struct model_loader *ldr;
	unsigned int j;

	*use_count_after = 0;
	if (!ext) {
		return -HIL_ENOENT;
	}
	if (ext->use_count == 0) {
		/* only reachable after an underrun the board would have halted on */
		heap_report_assert("tmp->use_count", __LINE__,
				   "A valid LLEXT cannot have a zero use-count!", ext);
		return 0;
	}
	ldr = loader_of(ext);
	if (ext->use_count == 1 && ldr) {
		heap_free(ldr->sect_map);
		ldr->sect_map = NULL;
	}
	ext->use_count--;
	if (ext->use_count > 0) {
		*use_count_after = ext->use_count;
		return (int)ext->use_count;
	}
	list_remove(ext);
	for (j = 0; j < MODEL_MAX_DEPS && ext->dependency[j]; j++) {
		struct model_llext *dep = ext->dependency[j];

		/* Zephyr decrements blindly; the model only touches live struct llext objects, so
		 * a dangling pointer (possible after a quirky restore) cannot scribble on memory. */
		if (!llext_is_live(dep)) {
			count_stale_dep();
			continue;
		}
		if (dep->use_count > 0) {
			dep->use_count--;
		}
		if (dep->use_count == 0) {
			heap_report_assert("ext->dependency[i]->use_count", __LINE__,
					   "LLEXT dependency use-count underrun!", dep);
		}
	}
	heap_free(ext->exp_tab.syms);
	loader_release(ext);
	heap_free(ext);
	return 0;
}

static uint32_t crc32_update(uint32_t crc, const char *s)
{
	crc = ~crc;
	while (*s) {
		unsigned int k;

		crc ^= (uint8_t)*s++;
		for (k = 0; k < 8; k++) {
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
		}
	}
	return ~crc;
}

int model_call(const char *name, const char *symbol, int32_t *value)
{
	struct model_llext *ext = list_by_name(name);
	struct elf_info elf;
	uint32_t base, crc;
	size_t i;

	if (!ext) {
		return -HIL_ENOENT;
	}
	for (i = 0; i < ext->exp_tab.sym_cnt; i++) {
		if (strcmp(ext->exp_tab.syms[i].name, symbol) == 0) {
			break;
		}
	}
	if (i == ext->exp_tab.sym_cnt) {
		return -HIL_ENOENT;
	}
	crc = crc32_update(0, name);
	crc = crc32_update(crc, ":");
	crc = crc32_update(crc, symbol);
	base = crc & 0x7FFFu;

	/* The stand-in's state lives in the image's .data, so it travels with a saved context. */
	if (elf_parse(ext->image, ext->image_len, &elf) == 0 && elf.data_sect >= 0 &&
	    elf.data_size >= 4) {
		uint8_t *p = ext->image + elf.data_off;
		uint32_t n = ((uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
			      ((uint32_t)p[3] << 24)) + 1u;

		p[0] = (uint8_t)n;
		p[1] = (uint8_t)(n >> 8);
		p[2] = (uint8_t)(n >> 16);
		p[3] = (uint8_t)(n >> 24);
		base += n;
	}
	*value = (int32_t)base;
	return 0;
}
