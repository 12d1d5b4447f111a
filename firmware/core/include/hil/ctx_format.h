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

/* Layout: header at 0, commit record at round_up(64, wb), body at body_offset(wb). */
uint32_t hil_ctx_commit_offset(uint32_t write_block);
uint32_t hil_ctx_body_offset(uint32_t write_block);

/* 16 hex digits -> 8 bytes; false if malformed. */
bool hil_ctx_parse_build_id(const char *hex16, uint8_t out[8]);

/* Header bytes with its CRC (also stored into h->header_crc). */
void hil_ctx_header_encode(struct hil_ctx_header *h, uint8_t out[HIL_CTX_HEADER_LEN]);
void hil_ctx_commit_encode(uint32_t seq, uint32_t header_crc, uint8_t out[HIL_CTX_COMMIT_LEN]);

/* Body: layout the image data (fills img[i].data_offset) and return the body length. */
uint32_t hil_ctx_body_layout(const struct hil_snapshot *snap, struct hil_ctx_image *img);
/* Stream the body to `sink`; *crc_out = CRC-32 of everything written. image_base is
 * the image store (image i's bytes are image_base + img[i].offset). */
int hil_ctx_body_encode(const struct hil_snapshot *snap, const struct hil_ctx_image *img,
			const uint8_t *image_base, const struct hil_ctx_sink *sink,
			uint32_t *crc_out);

/* Check header, commit record, body CRC and build. Fills *h as far as it got. */
enum hil_ctx_why hil_ctx_check(const struct hil_ctx_reader *r, const struct hil_ctx_expect *exp,
			       struct hil_ctx_header *h);
/* Decode the body of a slot that passed hil_ctx_check (or at least its CRC): every table
 * is bounds-checked, so garbage is rejected with HIL_CTX_TRUNCATED. img may be NULL. */
enum hil_ctx_why hil_ctx_decode(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				struct hil_snapshot *snap, struct hil_ctx_image *img);

#endif /* HIL_CTX_FORMAT_H */
