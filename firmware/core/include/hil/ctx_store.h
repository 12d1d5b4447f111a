/*
 * The context store: two slots (A, B) in the port's storage partition, each an integer
 * number of erase blocks (slot size = floor(partition / 2) rounded down to erase blocks).
 * Save writes the slot that does not hold the newest context; restore reads the newest
 * valid one and never writes flash. See docs/context-format.md.
 */
#ifndef HIL_CTX_STORE_H
#define HIL_CTX_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/ctx_format.h"

struct hil_ctx_slot_info {
	enum hil_ctx_why why;
	bool build_match;
	struct hil_ctx_header h;
	uint32_t erases;              /* best known erase count of this slot */
};

struct hil_ctx_scan {
	struct hil_ctx_slot_info slot[2];
	int newest;                   /* slot with the newest intact context (ok or other build), -1 */
};

/* 0, or -HIL_EINVAL when the partition cannot hold two slots. */
int hil_ctx_store_init(void);
uint32_t hil_ctx_slot_size(void);

void hil_ctx_store_scan(struct hil_ctx_scan *out);

struct hil_ctx_save_result {
	int relink;                   /* backend->save rc */
	uint8_t slot;
	uint32_t seq;
	uint32_t bytes;
	uint32_t erases;
};
/* snap is the backend's snapshot (backend->save done, rc 0); it is streamed to flash record
 * by record through one HIL_CTX_PROGRAM_CHUNK buffer. Returns 0,
 * -HIL_ENOENT (an extension without a complete image; *bad = its index), -HIL_ENOSPC
 * (does not fit in a slot) or a flash error. */
int hil_ctx_store_save(const struct hil_snapshot *snap, struct hil_ctx_save_result *res,
		       uint32_t *bad);

/* Validate the newest context and point *view at it (a static view that reads the slot on
 * demand; valid until the next store call). No side effects. Returns 0, -HIL_ENOENT (no
 * intact slot), -HIL_ENOEXEC (other build), -HIL_EBADMSG (decode failed); *slot and *seq
 * say which context. */
int hil_ctx_store_load(const struct hil_ctx_view **view, uint8_t *slot, uint32_t *seq);
/* Validate the body of slot `slot` whose header `h` passed its checks. 0 or -HIL_EBADMSG. */
int hil_ctx_store_decode_slot(uint8_t slot, const struct hil_ctx_header *h, struct hil_ctx_view *out);
/* Copy an image's bytes from the view's slot straight into dst (the image store). */
int hil_ctx_store_copy_image(const struct hil_ctx_view *v, const struct hil_ctx_image *img, uint8_t *dst);

/* Erase both slots (the erase counts survive in RAM until the next save writes them).
 * Test builds only (`ctx erase`, HIL_TEST_COMMANDS). */
int hil_ctx_store_erase(void);

/* Wrap-safe sequence comparison: a is newer than b. */
static inline bool hil_ctx_seq_newer(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

#endif /* HIL_CTX_STORE_H */
