/*
 * The C model of Zephyr LLEXT: a `struct hil_backend` for the simulated board and the
 * bare-metal QEMU core (see docs/model.md).
 *
 * Freestanding C99: no malloc, no stdio, no OS calls. The port hands over the heap buffer
 * and a fatal handler; everything else is static storage, so a reset (new process or
 * reboot + model_init) starts with an empty list and an empty heap.
 */
#ifndef LLEXT_MODEL_H
#define LLEXT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"

/* Which llext_relink_dependency()/llext_restore() the backend runs. */
enum model_profile {
	MODEL_PROFILE_UPSTREAM = 0,  /* step by step as the upstream commit, quirks included */
	MODEL_PROFILE_CONTRACT = 1   /* what the API's header comments promise */
};

/* A heap check failed: what Zephyr's __ASSERT in sys_heap_free() would print.
 * The port prints `ASSERTION FAIL [<expr>] @ <file>:<line>`, `\t<message>` and the fatal
 * banner, then halts or reboots. The handler should not return; if it does (unit tests),
 * the model skips the offending free and carries on without touching the bad memory. */
struct model_assert_info {
	const char *expr;      /* "chunk_used(h, c)" or "left_chunk(h, right_chunk(h, c)) == c" */
	const char *file;      /* where the model detected it */
	unsigned int line;
	const char *message;   /* "unexpected heap state (double-free?)" or
	                        * "corrupted heap bounds (buffer overflow?)" */
	const void *mem;       /* the pointer handed to llext_free() */
};

typedef void (*model_fatal_fn)(const struct model_assert_info *info);

struct model_config {
	void *heap;                 /* the LLEXT heap buffer (any alignment; 8 bytes are used) */
	size_t heap_size;           /* bytes; `heap.size` reports this value */
	enum model_profile profile;
	model_fatal_fn fatal;       /* required */
};

/* (Re)initialise: empty list, empty heap, counters at zero, profile selected.
 * Returns 0 or -HIL_EINVAL (no heap, no fatal handler, heap smaller than 64 bytes). */
int model_init(const struct model_config *cfg);

/* The backend; valid after model_init(). `profile` is "upstream" or "contract". */
const struct hil_backend *model_backend(void);

/* "upstream" / "contract" -> profile; returns -HIL_EINVAL for anything else. */
int model_profile_parse(const char *name, enum model_profile *out);

/* Events that upstream code would only show as undefined behaviour or memory effects;
 * counted so tests (and a curious port) can see them. Reset by model_init(). */
struct model_events {
	/* `dependency[j] && j < 8` evaluated dependency[8] (all 8 slots full): emulated as the
	 * following field, sect_cnt, read as a pointer. */
	uint32_t dep_slot8_reads;
	uint32_t heap_asserts;        /* fatal handler calls */
	uint32_t double_frees;        /* of which: pointer in a free chunk */
	uint32_t invalid_frees;       /* of which: pointer not at the start of a live block */
	uint32_t corruptions;         /* of which: a chunk header's size or neighbour link was wrong */
	uint32_t other_asserts;       /* fatal handler calls outside the heap (dependency underrun) */
	uint32_t stale_deps;          /* unload/state met a dependency pointer not in the list */
};
void model_events(struct model_events *out);

#endif /* LLEXT_MODEL_H */
