/*
 * The global extension list and the operations on it: what llext_load(), llext_unload()
 * and llext_by_name() do in Zephyr, plus the loader table (keep_section_info = true).
 */
#ifndef MODEL_LLEXT_LIST_H
#define MODEL_LLEXT_LIST_H

#include <stdint.h>

#include "model_types.h"

void list_reset(void);

void list_append(struct model_llext *ext);
/* Unlink `ext` (no-op if absent). */
void list_remove(struct model_llext *ext);
int list_contains(const struct model_llext *ext);
/* llext_by_name(): first match in list order, NULL if none. */
struct model_llext *list_by_name(const char *name);
/* Safe to read as a struct llext: in the list, or a live llext block of the heap (an
 * extension an upstream error path dropped from the list without freeing it). */
int llext_is_live(const struct model_llext *ext);

/* The loader kept for `ext`, NULL if none. */
struct model_loader *loader_of(const struct model_llext *ext);
/* Bind a free loader slot to `ext` with `sect_map`; -HIL_ENOSPC when all are taken. */
int loader_bind(struct model_llext *ext, struct model_sect_map *sect_map);
unsigned int loaders_free(void);

/* `dependency[j] && j < 8` as upstream evaluates it: for j == 8 it reads the field after
 * dependency[] (sect_cnt) instead of overrunning the array, and counts the event. */
int dep_slot_nonnull(const struct model_llext *ext, unsigned int j);
uint32_t dep_slot8_reads(void);
void count_stale_dep(void);
uint32_t stale_deps(void);

int model_load(const char *name, uint8_t *image, size_t len);
int model_unload(const char *name, uint32_t *use_count_after);
int model_call(const char *name, const char *symbol, int32_t *value);

#endif /* MODEL_LLEXT_LIST_H */
