/*
 * The image store: named, uploaded images in the port's image-store buffer.
 *
 * Allocation is a bump allocator: each new image takes the next 16-byte-aligned range
 * after the highest allocated one and nothing is ever freed until the next boot
 * (hil_core_init). Re-uploading a name with another length/CRC replaces the image in
 * place only when it is the topmost one and not loaded; otherwise -EEXIST/-EBUSY.
 * Fragmentation therefore only grows with such replacements; a reset clears the store.
 *
 * The backend (LLEXT model or Zephyr glue) uses an image in place: its bytes are the
 * extension's storage, so they are part of a saved context and are re-instated at the
 * same offset (hence the same address) by `ctx restore`.
 */
#ifndef HIL_IMAGES_H
#define HIL_IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/config.h"
#include "hil/errno.h"

#define HIL_IMAGE_ALIGN  16u   /* offset alignment of every image */

struct hil_image {
	char name[HIL_NAME_MAX + 1];
	uint32_t offset;    /* in the image store buffer, multiple of HIL_IMAGE_ALIGN */
	uint32_t len;
	uint32_t crc;       /* CRC-32 (IEEE) of the whole image, as announced by the host */
	uint32_t received;  /* bytes 0..received-1 have arrived (uploads are in order) */
	bool complete;      /* received == len and the CRC matched */
};

/* Empty the store over buf/size (called by hil_core_init). */
void hil_images_init(uint8_t *buf, size_t size);

/* Keep new uploads above `end` (the newest saved context's images; see images.c). */
void hil_images_reserve(uint32_t end);

/* For backends: a complete image by name. Returns 0, -HIL_ENOENT (no such image) or
 * -HIL_EAGAIN (still uploading or its CRC did not match). */
int hil_images_find(const char *name, uint8_t **data, size_t *len);

/* Store inspection (upload list, ctx save): image i, NULL past the end. */
const struct hil_image *hil_images_at(size_t i);
const struct hil_image *hil_images_by_name(const char *name);
uint8_t *hil_images_base(void);
size_t hil_images_capacity(void);
size_t hil_images_used(void);   /* end of the highest allocated image */

/* `upload begin`: create the image or resume a partial one with the same len and crc.
 * `busy(name)` (may be NULL) says whether a loaded extension uses the image, in which
 * case it cannot be replaced. Returns 0 and the image, or -HIL_ENOSPC (store or table
 * full), -HIL_EEXIST, -HIL_EBUSY, -HIL_EINVAL (len 0). */
int hil_images_begin(const char *name, uint32_t len, uint32_t crc, bool (*busy)(const char *),
		     const struct hil_image **out);

/* Append bytes to img (an image of the store, from hil_images_begin or _by_name) at `offset`
 * (must equal img->received; the receiver guarantees it). Returns 0 or -HIL_EINVAL. */
int hil_images_append(const struct hil_image *img, uint32_t offset, const uint8_t *data, size_t len);

/* Mark img (an image of the store) complete if every byte arrived and the whole-image CRC
 * matches. Returns 0, -HIL_EAGAIN (bytes missing) or -HIL_EBADMSG (CRC mismatch: received is
 * reset to 0 so the next `upload begin` starts over). */
int hil_images_finish(const struct hil_image *img);

/* `ctx restore`: can name/offset/len be re-instated? 0 when the range is free or holds
 * the very same image (same name, offset, len, crc; also while loaded: its saved bytes
 * are written back); -HIL_EBUSY when it overlaps another image or the name is in the store
 * at another place or with another len/crc (loaded or not), -HIL_ENOSPC outside the buffer
 * or when the table is full. Changes nothing. */
int hil_images_can_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc);
/* Register (or refresh) a complete image at exactly `offset`; the caller has already
 * copied its bytes to base + offset. Call only after hil_images_can_reinstate() == 0. */
int hil_images_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc);

#endif /* HIL_IMAGES_H */
