/*
 * The saved-context format (docs/context-format.md): encoding and validation, independent
 * of flash. Everything is little-endian and field by field (no struct dumps), so a context
 * can be checked and decoded by any build; the fuzz target and the tests drive these
 * functions over memory, the context store over flash.
 */
#ifndef HIL_CTX_FORMAT_H
#define HIL_CTX_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"

#define HIL_CTX_VERSION       1u
#define HIL_CTX_HEADER_LEN    64u
#define HIL_CTX_COMMIT_LEN    16u
#define HIL_CTX_BODY_PREFIX   16u   /* n_ext, n_maps, n_syms, reserved */
#define HIL_CTX_EXT_LEN       64u
#define HIL_CTX_MAP_LEN       8u
#define HIL_CTX_SYM_LEN       36u
#define HIL_CTX_MAGIC         "HILX"
#define HIL_CTX_COMMIT_MAGIC  "CMIT"

/* Why a slot can or cannot be restored; strings are the protocol's `why`. */
enum hil_ctx_why {
	HIL_CTX_OK = 0,              /* "ok" */
	HIL_CTX_EMPTY,               /* "empty" */
	HIL_CTX_NO_COMMIT,           /* "no commit record" */
	HIL_CTX_BAD_MAGIC,           /* "bad magic" */
	HIL_CTX_BAD_HEADER_CRC,      /* "bad header crc" */
	HIL_CTX_BAD_BODY_CRC,        /* "bad body crc" */
	HIL_CTX_UNSUPPORTED_VERSION, /* "unsupported version" */
	HIL_CTX_TRUNCATED,           /* "truncated" (also: body tables inconsistent) */
	HIL_CTX_OTHER_BUILD,         /* "other build" (build id or struct sizes differ) */
	HIL_CTX_READ_ERROR           /* flash read failed; reported as "truncated" */
};

const char *hil_ctx_why_str(enum hil_ctx_why why);

struct hil_ctx_header {
	uint8_t build[8];
	struct hil_target_sizes sizes;
	uint32_t seq;
	uint32_t erases[2];      /* erase counts of slot A and slot B as known at save time */
	uint32_t n_ext;
	uint32_t body_offset;    /* slot-relative */
	uint32_t body_len;
	uint32_t body_crc;
	uint8_t slot;            /* 0 = A, 1 = B */
	uint16_t commit_offset;  /* slot-relative offset of the commit record */
	uint32_t slot_size;
	uint32_t header_crc;     /* filled by hil_ctx_header_encode / read back by check */
	bool parsed;             /* set by hil_ctx_check once magic, version and CRC matched */
};

/* Where the bytes of extension i's image are: in the image store and in the body. */
struct hil_ctx_image {
	uint32_t offset;         /* image-store offset (multiple of 16) */
	uint32_t len;
	uint32_t crc;            /* the image's upload CRC (its identity) */
	uint32_t data_offset;    /* body-relative, multiple of 4 */
};

/* What this build expects; a context that differs is "other build". */
struct hil_ctx_expect {
	uint8_t build[8];
	struct hil_target_sizes sizes;
};

/* Random access to one slot's bytes (flash or memory). */
struct hil_ctx_reader {
	int (*read)(void *user, uint32_t off, void *dst, size_t len);
	void *user;
	uint32_t size;           /* slot size */
};

/* Sequential body output. */
struct hil_ctx_sink {
	int (*write)(void *user, const void *data, size_t len);
	void *user;
};

/* Where the images of a context being saved are (the image store, or a test's buffer). */
struct hil_ctx_images {
	/* offset, len and crc of extension i's image (named `name`); 0 or -HIL_ENOENT */
	int (*find)(void *user, uint32_t i, const char *name, struct hil_ctx_image *out);
	const uint8_t *base;     /* image bytes are base + offset */
	void *user;
};

/* A body that passed hil_ctx_decode, read from its slot record by record: `snap` answers
 * the backend's accessors from flash (no table is copied to RAM). */
struct hil_ctx_view {
	struct hil_snapshot snap;  /* first member: the accessors find the view from it */
	struct hil_ctx_reader r;
	uint32_t body_offset;      /* slot-relative */
};

/* Layout: header at 0, commit record at round_up(64, wb), body at body_offset(wb). */
uint32_t hil_ctx_commit_offset(uint32_t write_block);
uint32_t hil_ctx_body_offset(uint32_t write_block);

/* 16 hex digits -> 8 bytes; false if malformed. */
bool hil_ctx_parse_build_id(const char *hex16, uint8_t out[8]);

/* Header bytes with its CRC (also stored into h->header_crc). */
void hil_ctx_header_encode(struct hil_ctx_header *h, uint8_t out[HIL_CTX_HEADER_LEN]);
void hil_ctx_commit_encode(uint32_t seq, uint32_t header_crc, uint8_t out[HIL_CTX_COMMIT_LEN]);

/* Body length of snap's context with its images. Returns 0, -HIL_ENOSPC (counts over the
 * limits), -HIL_ENOENT (extension *bad has no image) or an accessor's error. */
int hil_ctx_body_len(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
		     uint32_t *len, uint32_t *bad);
/* Stream the body to `sink` record by record (the only buffer is one 64-byte record on the
 * stack); *crc_out = CRC-32 of everything written. */
int hil_ctx_body_encode(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
			const struct hil_ctx_sink *sink, uint32_t *crc_out);

/* Check header, commit record, body CRC and build. Fills *h as far as it got. */
enum hil_ctx_why hil_ctx_check(const struct hil_ctx_reader *r, const struct hil_ctx_expect *exp,
			       struct hil_ctx_header *h);
/* Validate the body of a slot that passed hil_ctx_check (or at least its CRC), reading every
 * record once: every table is bounds-checked, so garbage is rejected with
 * HIL_CTX_TRUNCATED. On HIL_CTX_OK *out reads the body from r on demand. */
enum hil_ctx_why hil_ctx_decode(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				struct hil_ctx_view *out);
/* Extension record i of a decoded body: the saved extension and (img may be NULL) where its
 * image goes. 0 or a read error. */
int hil_ctx_view_ext(const struct hil_ctx_view *v, uint32_t i, struct hil_saved_ext *e,
		     struct hil_ctx_image *img);

#endif /* HIL_CTX_FORMAT_H */
