/*
 * The model's mirrors of Zephyr's LLEXT structures (v4.2 include/zephyr/llext/llext.h and
 * loader.h), reduced to the fields save/restore touches. Field order follows Zephyr where
 * it matters: `sect_cnt` directly follows `dependency[]`, which is what the upstream loop
 * `dependency[j] && j < 8` reads when all 8 slots are full.
 */
#ifndef MODEL_TYPES_H
#define MODEL_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/errno.h"

#define MODEL_MAX_DEPS     HIL_MAX_DEPS
#define MODEL_NAME_SIZE    (HIL_NAME_MAX + 1u)
#define MODEL_MAX_LOADERS  64u   /* extensions in the list at once (loaders kept alive) */
#define MODEL_ENODATA      61    /* Zephyr's ENODATA: an import nobody exports */

/* enum llext_mem */
enum model_mem {
	MODEL_MEM_TEXT, MODEL_MEM_DATA, MODEL_MEM_RODATA, MODEL_MEM_BSS, MODEL_MEM_EXPORT,
	MODEL_MEM_SYMTAB, MODEL_MEM_STRTAB, MODEL_MEM_SHSTRTAB, MODEL_MEM_PREINIT,
	MODEL_MEM_INIT, MODEL_MEM_FINI, MODEL_MEM_COUNT
};

/* sys_snode_t */
struct model_snode {
	struct model_snode *next;
};

/* struct llext_symbol */
struct model_symbol {
	const char *name;   /* points into the image's string table */
	const void *addr;   /* points into the image */
};

/* struct llext_symtable */
struct model_symtable {
	size_t sym_cnt;
	struct model_symbol *syms;
};

/* struct llext_elf_sect_map */
struct model_sect_map {
	enum model_mem mem_idx;
	size_t offset;
};

/* struct llext */
struct model_llext {
	struct model_snode llext_list;       /* first, as in Zephyr (CONTAINER_OF is a no-op) */
	char name[MODEL_NAME_SIZE];
	struct model_symtable exp_tab;
	unsigned int use_count;
	struct model_llext *dependency[MODEL_MAX_DEPS];
	unsigned int sect_cnt;               /* must follow dependency[] (see above) */
	uint8_t *image;                      /* the extension's storage: its image, used in place */
	size_t image_len;
};

/* struct llext_loader, reduced to the section map it keeps (keep_section_info). */
struct model_loader {
	struct model_sect_map *sect_map;
	struct model_llext *ext;             /* model bookkeeping: whose loader this is */
};

/* The global list, sys_slist_t. */
struct model_slist {
	struct model_snode *head, *tail;
};

/* Shared state of the model (defined in llext_list.c). */
extern struct model_slist model_llext_list;

#endif /* MODEL_TYPES_H */
