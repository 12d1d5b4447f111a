/*
 * What the portable HIL core needs from an LLEXT implementation.
 *
 * Two implementations exist: the C LLEXT model (firmware/model/, used by the simulated
 * board and the bare-metal QEMU core) and the Zephyr glue (firmware/zephyr/, real LLEXT).
 * The core owns the console, the command parser, the upload image store and the flash
 * context store; the backend owns everything that touches extensions.
 *
 * Plain C99, no Zephyr includes.
 */
#ifndef HIL_BACKEND_H
#define HIL_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HIL_NAME_MAX      15u  /* LLEXT_MAX_NAME_LEN */
#define HIL_MAX_DEPS      8u   /* LLEXT_MAX_DEPENDENCIES */
#define HIL_SYM_NAME_MAX  31u
#define HIL_CTX_MAX_EXT   16u  /* extensions in one saved context */
#define HIL_CTX_MAX_MAPS  512u /* section-map entries in one saved context, all extensions */
#define HIL_CTX_MAX_SYMS  128u /* exported symbols in one saved context, all extensions */
#define HIL_DEP_NONE      0xFFu
#define HIL_CTX_BLOB_MAX  4096u /* backend-private bytes saved with a context */

/* One entry of the global extension list, as `state` reports it. */
struct hil_ext_state {
	char name[HIL_NAME_MAX + 1];
	uint32_t use_count;
	uint32_t exp_cnt;
	uint32_t sect_cnt;
	uint32_t alloc;          /* LLEXT heap bytes held: struct, exported-symbol table, section map */
	uint32_t n_deps;         /* dependency[] entries up to the first NULL */
	char deps[HIL_MAX_DEPS][HIL_NAME_MAX + 1];
};

struct hil_heap_stats {
	uint32_t size, used, free, max_used, allocs;
};

/* sizeof() on the target: struct llext, struct llext_elf_sect_map, struct llext_symbol, void * */
struct hil_target_sizes {
	uint16_t llext, sect_map, symbol, ptr;
};

/* Portable saved form of a context: no pointers, so it survives a reset and a rebuild. */
struct hil_saved_map {
	uint32_t mem_idx;        /* enum llext_mem */
	uint32_t offset;
};

struct hil_saved_sym {
	char name[HIL_SYM_NAME_MAX + 1];
	uint32_t value;          /* image-relative offset of the symbol's address */
};

struct hil_saved_ext {
	char name[HIL_NAME_MAX + 1];   /* also the name of the image that backs it */
	uint32_t use_count;
	uint32_t sect_cnt;       /* its entries in hil_snapshot.maps, starting at map_first */
	uint32_t exp_cnt;        /* its entries in hil_snapshot.syms, starting at sym_first */
	uint32_t map_first;
	uint32_t sym_first;
	/* after llext_relink_dependency: index of dependency[j] in the flat array, or HIL_DEP_NONE */
	uint8_t dep[HIL_MAX_DEPS];
};

/*
 * A saved context as the backend and the core hand it to each other: its counts and random
 * access to its tables, record by record, so that neither side ever holds a whole context in
 * RAM. On save the backend answers from its relinked copies; on restore the core answers
 * from the flash slot (already validated: docs/context-format.md).
 */
struct hil_snapshot {
	uint32_t n;              /* extensions (<= HIL_CTX_MAX_EXT) */
	uint32_t n_maps;         /* section-map entries, all extensions (<= HIL_CTX_MAX_MAPS) */
	uint32_t n_syms;         /* exported symbols, all extensions (<= HIL_CTX_MAX_SYMS) */
	/* Backend-private bytes the core stores and returns verbatim. The Zephyr backend keeps
	 * the raw struct llext copies there (a context is only restored by the same build, so
	 * the layout matches); the model leaves it empty. */
	uint32_t blob_len;       /* <= HIL_CTX_BLOB_MAX */
	/* Each returns 0 or a negative errno (an index out of range: -HIL_EINVAL). */
	int (*ext)(const struct hil_snapshot *s, uint32_t i, struct hil_saved_ext *out);
	int (*map)(const struct hil_snapshot *s, uint32_t k, struct hil_saved_map *out);
	int (*sym)(const struct hil_snapshot *s, uint32_t k, struct hil_saved_sym *out);
	int (*blob)(const struct hil_snapshot *s, uint32_t off, void *dst, size_t len);
	void *user;              /* for the implementation */
};

/* The four counts of s within the limits of one saved context (HIL_CTX_MAX_*,
 * HIL_CTX_BLOB_MAX): what the context encoder, its decoder and hil_snapshot_check require. */
bool hil_snapshot_counts_ok(const struct hil_snapshot *s);

/* What every restore relies on, checked record by record: names NUL-terminated and
 * non-empty, map and symbol ranges inside the tables, dependencies < n up to the first
 * HIL_DEP_NONE, every mem_idx <= mem_count, `order` a permutation of 0..n-1 (NULL allowed
 * only for n == 0). Returns 0, -HIL_EINVAL, or the accessors' error. Shared by backends. */
int hil_snapshot_check(const struct hil_snapshot *s, const uint8_t *order, uint32_t mem_count);

/* Helpers for a backend's save, which describes its copies in an array of hil_saved_ext that
 * snap->user points at and answers the accessors from them: */
/* Describe the next copy in *e: its record (no dependencies yet) and where its maps and
 * symbols start; counts them into snap. -HIL_ENOSPC past the context limits. */
int hil_saved_add(struct hil_snapshot *snap, struct hil_saved_ext *e, const char *name,
		  uint32_t use_count, uint32_t sect_cnt, uint32_t exp_cnt);
/* The ext accessor over that array. */
int hil_saved_ext_at(const struct hil_snapshot *snap, uint32_t i, struct hil_saved_ext *out);
/* For the map and sym accessors: entry k of the flat map table (maps) or symbol table is entry
 * *j of copy *i. 0, or -HIL_EINVAL when k is past the table. */
int hil_saved_locate(const struct hil_snapshot *snap, uint32_t k, bool maps, uint32_t *i, uint32_t *j);
/* A symbol record: name (at most HIL_SYM_NAME_MAX characters, NUL-padded) and value. */
void hil_saved_sym_set(struct hil_saved_sym *out, const char *name, uint32_t value);

struct hil_backend {
	const char *profile;                  /* "upstream", "contract" (model) or "zephyr" */
	struct hil_target_sizes sizes;

	/* Load the image `image`/`len` as extension `name`, keeping its loader and section map.
	 * Returns what llext_load returns (0, a positive use count for a duplicate, or -errno). */
	int (*load)(const char *name, uint8_t *image, size_t len);
	/* Returns 0 or -errno; *use_count_after is 0 when the extension left the list. */
	int (*unload)(const char *name, uint32_t *use_count_after);
	int (*call)(const char *name, const char *symbol, int32_t *value);
	int (*use_count)(const char *name, uint32_t *use_count);
	/* Fills entries first .. first+max-1 of the global list (in list order) into out[0..];
	 * returns how many extensions are loaded. The core asks one entry at a time. */
	size_t (*list)(size_t first, struct hil_ext_state *out, size_t max);
	void (*heap)(struct hil_heap_stats *out);

	/* Copy the named loaded extensions, in this order, into a flat array of copies, call
	 * llext_relink_dependency() on it and describe the result in *snap (counts and
	 * accessors over the backend's copies, valid until the next backend call). Returns
	 * relink's rc (or -ENOENT for an unknown name, -ENOSPC when the limits are exceeded). */
	int (*save)(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap);

	/* The core has re-instated the images of snap's extensions at their saved places.
	 * Rebuild the copies and loaders (reading snap record by record), hand them to
	 * llext_restore() as ext[i] = copy order[i], and return its rc. `order` is a
	 * permutation of 0..snap->n-1. */
	int (*restore)(const struct hil_snapshot *snap, const uint8_t *order);

	void (*fault_alloc)(uint32_t k);      /* the k-th heap allocation from now fails; 0 disarms */
	uint32_t (*fault_alloc_armed)(void);  /* allocations left before the fault, 0 = none */
	uint32_t (*alloc_calls)(void);        /* LLEXT heap allocation calls since boot */
};

#endif /* HIL_BACKEND_H */
