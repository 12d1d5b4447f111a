/* The image store: a table of named images over the port's buffer, bump-allocated. */
#include <string.h>

#include "hil/crc32.h"
#include "hil/images.h"

/* One object with the scalars first: as separate statics the table came first and every
 * other field needed 32-bit loads and stores. */
static struct {
	uint8_t *store;
	size_t store_size;
	size_t count;
	/* New uploads start above this offset: the image ranges of the newest saved context, so
	 * an extension uploaded after a reset never takes the place a `ctx restore` will
	 * re-instate a saved image at (the Zephyr backend needs those exact addresses). */
	uint32_t reserved_end;
	struct hil_image table[HIL_IMAGES_MAX];
} images;

static uint32_t align_up(uint32_t v)
{
	return (v + (HIL_IMAGE_ALIGN - 1u)) & ~(HIL_IMAGE_ALIGN - 1u);
}

void hil_images_init(uint8_t *buf, size_t size)
{
	images.reserved_end = 0;
	images.store = buf;
	images.store_size = size;
	images.count = 0;
	memset(images.table, 0, sizeof(images.table));
}

uint8_t *hil_images_base(void) { return images.store; }
size_t hil_images_capacity(void) { return images.store_size; }

const struct hil_image *hil_images_at(size_t i)
{
	return i < images.count ? &images.table[i] : NULL;
}

static struct hil_image *find(const char *name)
{
	struct hil_image *end = images.table + images.count;

	for (struct hil_image *img = images.table; img < end; img++) {
		if (strcmp(img->name, name) == 0) {
			return img;
		}
	}
	return NULL;
}

const struct hil_image *hil_images_by_name(const char *name)
{
	return find(name);
}

/* A new, empty table entry named `name` (the caller checked there is room). Entries past
 * `count` are still all zero: only hil_images_init empties the table, and it zeroes it. */
static struct hil_image *add(const char *name)
{
	struct hil_image *img = &images.table[images.count++];

	memcpy(img->name, name, strlen(name) + 1);
	return img;
}

size_t hil_images_used(void)
{
	size_t end = 0;

	for (size_t i = 0; i < images.count; i++) {
		size_t e = (size_t)images.table[i].offset + images.table[i].len;

		if (e > end) {
			end = e;
		}
	}
	return end;
}

void hil_images_reserve(uint32_t end)
{
	images.reserved_end = end;
}

int hil_images_find(const char *name, uint8_t **data, size_t *len)
{
	const struct hil_image *img = find(name);

	if (img == NULL) {
		return -HIL_ENOENT;
	}
	if (!img->complete) {
		return -HIL_EAGAIN;
	}
	*data = images.store + img->offset;
	*len = img->len;
	return 0;
}

/* Does offset..offset+len lie inside the store? No sum: on a 32-bit target it could wrap. */
static bool fits(uint32_t offset, uint32_t len)
{
	return (size_t)offset <= images.store_size && images.store_size - offset >= len;
}

static bool is_topmost(const struct hil_image *img)
{
	for (size_t i = 0; i < images.count; i++) {
		if (images.table[i].offset > img->offset) {
			return false;
		}
	}
	return true;
}

int hil_images_begin(const char *name, uint32_t len, uint32_t crc, bool (*busy)(const char *),
		     const struct hil_image **out)
{
	struct hil_image *img = find(name);

	if (len == 0) {
		return -HIL_EINVAL;
	}
	if (img != NULL) {
		if (img->len == len && img->crc == crc) {
			*out = img; /* resume (or already complete) */
			return 0;
		}
		if (busy != NULL && busy(name)) {
			return -HIL_EBUSY;
		}
		if (!is_topmost(img)) {
			return -HIL_EEXIST;
		}
		if (!fits(img->offset, len)) {
			return -HIL_ENOSPC;
		}
		/* Replace the topmost image in place (set up below like a new one). */
	} else {
		if (images.count >= HIL_IMAGES_MAX) {
			return -HIL_ENOSPC;
		}
		uint32_t used = (uint32_t)hil_images_used();
		uint32_t off = align_up(used > images.reserved_end ? used : images.reserved_end);

		if (!fits(off, len)) {
			return -HIL_ENOSPC;
		}
		img = add(name);
		img->offset = off;
	}
	img->len = len;
	img->crc = crc;
	img->received = 0;
	img->complete = false;
	*out = img;
	return 0;
}

/* An image handed out by this file is an entry of the writable table. */
static struct hil_image *entry(const struct hil_image *img)
{
	return (struct hil_image *)img;
}

int hil_images_append(const struct hil_image *image, uint32_t offset, const uint8_t *data, size_t len)
{
	struct hil_image *img = entry(image);

	if (offset != img->received || len > img->len - img->received) {
		return -HIL_EINVAL;
	}
	memcpy(images.store + img->offset + offset, data, len);
	img->received += (uint32_t)len;
	return 0;
}

int hil_images_finish(const struct hil_image *image)
{
	struct hil_image *img = entry(image);

	if (img->received < img->len) {
		return -HIL_EAGAIN;
	}
	img->complete = hil_crc32(0, images.store + img->offset, img->len) == img->crc;
	if (!img->complete) {
		img->received = 0;
		return -HIL_EBADMSG;
	}
	return 0;
}

int hil_images_can_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc)
{
	if (!fits(offset, len) || offset % HIL_IMAGE_ALIGN) {
		return -HIL_ENOSPC;
	}
	for (size_t i = 0; i < images.count; i++) {
		const struct hil_image *o = &images.table[i];
		bool same_name = strcmp(o->name, name) == 0;
		bool overlap = offset < o->offset + o->len && o->offset < offset + len;

		if (same_name && o->offset == offset && o->len == len && o->crc == crc) {
			/* The very same image: refreshed in place, even while loaded (restoring
			 * twice hands llext_restore the same set again; the saved bytes win). */
			continue;
		}
		/* another image of that name (loaded or not) or in the way: reset first */
		if (same_name || overlap) {
			return -HIL_EBUSY;
		}
	}
	if (find(name) == NULL && images.count >= HIL_IMAGES_MAX) {
		return -HIL_ENOSPC;
	}
	return 0;
}

int hil_images_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc)
{
	struct hil_image *img = find(name);

	if (img == NULL) {
		if (images.count >= HIL_IMAGES_MAX) {
			return -HIL_ENOSPC;
		}
		img = add(name);
	}
	img->offset = offset;
	img->len = len;
	img->crc = crc;
	img->received = len;
	img->complete = true;
	return 0;
}
