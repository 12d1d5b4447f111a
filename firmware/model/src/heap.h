/*
 * The LLEXT heap of the model: Zephyr's sys_heap rules over the port's buffer, standing in
 * for llext_alloc()/llext_free() (k_heap over sys_heap in Zephyr). See heap.c.
 */
#ifndef MODEL_HEAP_H
#define MODEL_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "model/llext_model.h"

/* Who asked for a block: kept in its header, for heap dumps and tests. */
enum heap_tag {
	HEAP_TAG_LOAD_LLEXT = 1,      /* llext_load: struct llext */
	HEAP_TAG_LOAD_SECT_MAP,       /* llext_load: loader section map */
	HEAP_TAG_LOAD_EXP_TAB,        /* llext_load: exported-symbol table */
	HEAP_TAG_RESTORE_MAP_LIST,    /* llext_restore: array of section-map pointers */
	HEAP_TAG_RESTORE_SECT_MAP,    /* llext_restore: one section map */
	HEAP_TAG_RESTORE_EXP_LIST,    /* llext_restore: array of exported-table pointers */
	HEAP_TAG_RESTORE_EXP_TAB,     /* llext_restore: one exported-symbol table */
	HEAP_TAG_RESTORE_LLEXT,       /* llext_restore: struct llext */
	HEAP_TAG_TEST                 /* unit tests */
};

void heap_init(void *mem, size_t size, model_fatal_fn fatal);

/* NULL for 0 bytes, when full, or when fault injection says so. Every call counts. */
void *heap_alloc(size_t bytes, enum heap_tag tag);
/* NULL is ignored; anything but a live block goes to the fatal handler untouched. */
void heap_free(void *mem);

/* Requested size of a live block, 0 if `mem` is not one (no fatal call). */
size_t heap_block_size(const void *mem);
/* Owner tag of a live block, 0 if `mem` is not one. */
uint32_t heap_block_tag(const void *mem);
/* Chunk units (8 bytes, header included) of a live block, 0 if `mem` is not one. */
uint32_t heap_block_units(const void *mem);
/* sys_heap's chunk header size here: 4 (small heap) or 8 (big heap); 0 before a usable init. */
uint32_t heap_header_bytes(void);

void heap_stats(struct hil_heap_stats *out);
void heap_fault_arm(uint32_t k);
uint32_t heap_fault_armed(void);
uint32_t heap_alloc_calls(void);

/* Walk every chunk; 0 when headers, neighbours and statistics agree, else -1 (no fatal). */
int heap_verify(void);

/* The model's fatal path for an __ASSERT outside the heap (llext_list.c), counted apart. */
void heap_report_assert(const char *expr, unsigned int line, const char *msg, const void *ptr);

/* Event counters for model_events(). */
void heap_events(struct model_events *ev);

#endif /* MODEL_HEAP_H */
