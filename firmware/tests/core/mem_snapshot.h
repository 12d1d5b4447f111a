/*
 * A whole context held in arrays, for tests and seed generators only: the firmware never
 * holds one (backends and the flash store answer record by record). mem_snapshot_bind()
 * points the accessors of m->snap at the arrays; m->images describes where each
 * extension's image is in a caller's buffer.
 */
#ifndef HIL_TEST_MEM_SNAPSHOT_H
#define HIL_TEST_MEM_SNAPSHOT_H

#include "hil/backend.h"
#include "hil/ctx_format.h"

struct mem_snapshot {
	struct hil_snapshot snap;      /* counts are set by the caller */
	struct hil_saved_ext ext[HIL_CTX_MAX_EXT];
	struct hil_saved_map maps[HIL_CTX_MAX_MAPS];
	struct hil_saved_sym syms[HIL_CTX_MAX_SYMS];
	uint8_t blob[HIL_CTX_BLOB_MAX];
	struct hil_ctx_image img[HIL_CTX_MAX_EXT];   /* offset, len, crc per extension */
	struct hil_ctx_images images;
};

/* Bind the accessors; image bytes are store + img[i].offset. */
void mem_snapshot_bind(struct mem_snapshot *m, const uint8_t *store);
/* Copy every record of s into m (counts included); 0 or the first accessor error. */
int mem_snapshot_read(struct mem_snapshot *m, const struct hil_snapshot *s);

#endif
