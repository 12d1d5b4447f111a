/* The image store: a table of named images over the port's buffer, bump-allocated. */
#include <string.h>

#include "hil/crc32.h"
#include "hil/images.h"

static uint8_t *store;
static size_t store_size;
static struct hil_image table[HIL_IMAGES_MAX];
static size_t count;

/* New uploads start above this offset: the image ranges of the newest saved context, so an
 * extension uploaded after a reset never takes the place a `ctx restore` will re-instate
 * a saved image at (the Zephyr backend needs those exact addresses). */
static uint32_t reserved_end;

static uint32_t align_up(uint32_t v)
{
	return (v + (HIL_IMAGE_ALIGN - 1u)) & ~(HIL_IMAGE_ALIGN - 1u);
}

void hil_images_init(uint8_t *buf, size_t size)
{
	reserved_end = 0;
	store = buf;
	store_size = size;
	count = 0;
	memset(table, 0, sizeof(table));
}

size_t hil_images_count(void) { return count; }
uint8_t *hil_images_base(void) { return store; }
size_t hil_images_capacity(void) { return store_size; }

const struct hil_image *hil_images_at(size_t i)
{
	return i < count ? &table[i] : NULL;
}

static struct hil_image *find(const char *name)
{
	for (size_t i = 0; i < count; i++) {
		if (strcmp(table[i].name, name) == 0) {
			return &table[i];
		}
	}
	return NULL;
}

const struct hil_image *hil_images_by_name(const char *name)
{
	return find(name);
}

/* A new, empty table entry named `name` (the caller checked there is room). */
static struct hil_image *add(const char *name)
{
	struct hil_image *img = &table[count++];

	memset(img, 0, sizeof(*img));
	memcpy(img->name, name, strlen(name) + 1);
	return img;
}

size_t hil_images_used(void)
{
	size_t end = 0;

	for (size_t i = 0; i < count; i++) {
		size_t e = (size_t)table[i].offset + table[i].len;

		if (e > end) {
			end = e;
		}
	}
	return end;
}

void hil_images_reserve(uint32_t end)
{
	reserved_end = end;
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
	*data = store + img->offset;
	*len = img->len;
	return 0;
}

static bool is_topmost(const struct hil_image *img)
{
	for (size_t i = 0; i < count; i++) {
		if (table[i].offset > img->offset) {
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
		if ((size_t)img->offset + len > store_size) {
			return -HIL_ENOSPC;
		}
		/* Replace the topmost image in place. */
		img->len = len;
		img->crc = crc;
		img->received = 0;
		img->complete = false;
		*out = img;
		return 0;
	}
	if (count >= HIL_IMAGES_MAX) {
		return -HIL_ENOSPC;
	}
	uint32_t used = (uint32_t)hil_images_used();
	uint32_t off = align_up(used > reserved_end ? used : reserved_end);

	if ((size_t)off > store_size || store_size - off < len) {
		return -HIL_ENOSPC;
	}
	img = add(name);
	img->offset = off;
	img->len = len;
	img->crc = crc;
	*out = img;
	return 0;
}

int hil_images_append(const char *name, uint32_t offset, const uint8_t *data, size_t len)
{
	struct hil_image *img = find(name);

	if (img == NULL || offset != img->received || len > img->len - img->received) {
		return -HIL_EINVAL;
	}
	memcpy(store + img->offset + offset, data, len);
	img->received += (uint32_t)len;
	return 0;
}

int hil_images_finish(const char *name)
{
	struct hil_image *img = find(name);

	if (img == NULL) {
		return -HIL_ENOENT;
	}
	if (img->received < img->len) {
		return -HIL_EAGAIN;
	}
	if (hil_crc32(0, store + img->offset, img->len) != img->crc) {
		img->received = 0;
		img->complete = false;
		return -HIL_EBADMSG;
	}
	img->complete = true;
	return 0;
}

int hil_images_can_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc)
{
	if ((size_t)offset > store_size || store_size - offset < len || offset % HIL_IMAGE_ALIGN) {
		return -HIL_ENOSPC;
	}
	for (size_t i = 0; i < count; i++) {
		const struct hil_image *o = &table[i];
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
	if (find(name) == NULL && count >= HIL_IMAGES_MAX) {
		return -HIL_ENOSPC;
	}
	return 0;
}

int hil_images_reinstate(const char *name, uint32_t offset, uint32_t len, uint32_t crc)
{
	struct hil_image *img = find(name);

	if (img == NULL) {
		if (count >= HIL_IMAGES_MAX) {
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
