/* Two-slot context store on the port's storage partition. */
#include <string.h>

#include "flash_ops.h"
#include "hil/config.h"
#include "hil/ctx_store.h"
#include "hil/images.h"
#include "hil_internal.h"

/* The only staging buffer of a save: body bytes are collected here and programmed one
 * HIL_CTX_PROGRAM_CHUNK per flash operation (a multiple of 64, so of every write block);
 * the header and the commit record, each padded to the write block, go through it too. */
#define STAGE_LEN ((uint32_t)HIL_CTX_PROGRAM_CHUNK)

static uint32_t slot_size;
static uint32_t ram_erases[2];   /* erase counts learnt this boot (survive `ctx erase`) */
static struct hil_ctx_view loaded;

struct flash_sink {
	uint32_t at;                  /* partition offset of the next staged byte run */
	size_t n;
	uint8_t buf[STAGE_LEN];
};
static struct flash_sink stage;

uint32_t hil_ctx_slot_size(void)
{
	return slot_size;
}

static bool pow2(uint32_t v)
{
	return v != 0 && (v & (v - 1u)) == 0;
}

int hil_ctx_store_init(void)
{
	const struct hil_flash_geometry *g = &hil_g_port->flash;

	/* `loaded` and `stage` are written before every use; the erase counts start over. */
	ram_erases[0] = 0;
	ram_erases[1] = 0;
	slot_size = 0;
	if (!pow2(g->erase_block) || !pow2(g->write_block) || g->write_block > 64u ||
	    g->erase_block < g->write_block) {
		return -HIL_EINVAL;
	}
	slot_size = g->size / 2u / g->erase_block * g->erase_block;
	if (slot_size < hil_ctx_body_offset(g->write_block) + HIL_CTX_BODY_PREFIX) {
		slot_size = 0;
		return -HIL_EINVAL;
	}
	return 0;
}

static int slot_read(void *user, uint32_t off, void *dst, size_t len)
{
	uint32_t base = (uint32_t)(uintptr_t)user;

	return hil_flash_read(base + off, dst, len);
}

static void reader_for(uint8_t slot, struct hil_ctx_reader *r)
{
	r->read = slot_read;
	r->user = (void *)(uintptr_t)((uint32_t)slot * slot_size);
	r->size = slot_size;
}

/* What this build writes into a header and expects from one (build zeroed first: a
 * malformed build id fills it only in part). */
static void expected(uint8_t build[8], struct hil_target_sizes *sizes)
{
	memset(build, 0, 8);
	(void)hil_ctx_parse_build_id(hil_g_port->build_id, build);
	*sizes = hil_g_backend->sizes;
}

/* The slot holds a whole context, of this build or of another. */
static bool intact(enum hil_ctx_why w)
{
	return w == HIL_CTX_OK || w == HIL_CTX_OTHER_BUILD;
}

void hil_ctx_store_scan(struct hil_ctx_scan *out)
{
	struct hil_ctx_expect exp;

	expected(exp.build, &exp.sizes);
	memset(out, 0, sizeof(*out));
	out->newest = -1;
	for (uint8_t s = 0; s < 2; s++) {
		struct hil_ctx_reader r;
		struct hil_ctx_slot_info *si = &out->slot[s];

		reader_for(s, &r);
		si->why = hil_ctx_check(&r, &exp, &si->h);
		if (si->h.parsed) {
			/* the expectation is the header's start (checked in ctx_format.c) */
			si->build_match = memcmp(&si->h, &exp, sizeof(exp)) == 0;
			/* Erase counts: the best knowledge from RAM and from every header we
			 * can trust (each carries the counts of both slots as known when it
			 * was written). */
			for (int k = 0; k < 2; k++) {
				if (hil_ctx_seq_newer(si->h.erases[k], ram_erases[k])) {
					ram_erases[k] = si->h.erases[k];
				}
			}
		}
		if (intact(si->why) &&
		    (out->newest < 0 || hil_ctx_seq_newer(si->h.seq, out->slot[out->newest].h.seq))) {
			out->newest = s;
		}
	}
	out->slot[0].erases = ram_erases[0];
	out->slot[1].erases = ram_erases[1];
}

static int sink_flush(struct flash_sink *fs)
{
	uint32_t wb = hil_g_port->flash.write_block;

	if (fs->n == 0) {
		return 0;
	}
	while (fs->n % wb != 0) {
		fs->buf[fs->n++] = 0xff; /* pad the last run to the write block */
	}
	int rc = hil_flash_write(fs->at, fs->buf, fs->n);

	fs->at += (uint32_t)fs->n;
	fs->n = 0;
	return rc;
}

static int sink_write(void *user, const void *data, size_t len)
{
	struct flash_sink *fs = user;
	const uint8_t *p = data;

	/* Byte by byte: programming the flash costs far more than the copy. */
	for (size_t i = 0; i < len; i++) {
		fs->buf[fs->n++] = p[i];
		if (fs->n == STAGE_LEN) {
			int rc = sink_flush(fs);

			if (rc != 0) {
				return rc;
			}
		}
	}
	return 0;
}

/* The image store as the encoder sees it. */
static int store_image(void *user, uint32_t i, const char *name, struct hil_ctx_image *out)
{
	const struct hil_image *im = hil_images_by_name(name);

	(void)user;
	(void)i;
	if (im == NULL || !im->complete) {
		return -HIL_ENOENT;
	}
	out->offset = im->offset;
	out->len = im->len;
	out->crc = im->crc;
	out->data_offset = 0;
	return 0;
}

static uint32_t round_up(uint32_t v, uint32_t a)
{
	return (v + a - 1u) / a * a;
}

static int save_locked(const struct hil_snapshot *snap, struct hil_ctx_save_result *res,
		       uint32_t *bad)
{
	struct hil_ctx_scan scan;
	const struct hil_flash_geometry *g = &hil_g_port->flash;
	uint32_t wb = g->write_block;
	const struct hil_ctx_images im = { store_image, hil_images_base(), NULL };
	uint32_t body_off = hil_ctx_body_offset(wb);
	uint32_t body_len = 0;
	int rc = hil_ctx_body_len(snap, &im, &body_len, bad);

	if (rc != 0) {
		return rc;
	}
	if (body_len > slot_size - body_off) {
		return -HIL_ENOSPC;
	}

	hil_ctx_store_scan(&scan);
	/* Target: never the newest context of this build (it must survive a cut); without
	 * one, never the newest context of another build. The slot beside the newest intact
	 * context is right unless it holds the only context of this build. */
	uint8_t target = scan.newest == 0 ? 1u : 0u;

	if (scan.slot[target].why == HIL_CTX_OK && scan.slot[1u - target].why != HIL_CTX_OK) {
		target = 1u - target;
	}
	uint32_t seq = 1;

	for (int s = 0; s < 2; s++) {
		if (scan.slot[s].h.parsed && !hil_ctx_seq_newer(seq, scan.slot[s].h.seq)) {
			seq = scan.slot[s].h.seq + 1u;
		}
	}
	if (seq == 0) {
		seq = 1;
	}

	uint32_t base = (uint32_t)target * slot_size;
	uint32_t total = body_off + body_len;
	uint32_t erase_len = round_up(total, g->erase_block);

	/* Count the erase before doing it: a cut during it must not lose the count. The
	 * count is stored in the new header; until then RAM (and the other slot) hold it. */
	ram_erases[target] = scan.slot[target].erases + 1u;

	rc = hil_flash_erase(base, erase_len);
	if (rc != 0) {
		return rc;
	}
	stage.at = base + body_off;
	stage.n = 0;

	static const struct hil_ctx_sink sink = { sink_write, &stage };
	uint32_t body_crc = 0;

	rc = hil_ctx_body_encode(snap, &im, &sink, &body_crc);
	if (rc == 0) {
		rc = sink_flush(&stage);
	}
	if (rc != 0) {
		return rc;
	}

	struct hil_ctx_header h;

	memset(&h, 0, sizeof(h));
	expected(h.build, &h.sizes);
	h.seq = seq;
	h.erases[0] = ram_erases[0];
	h.erases[1] = ram_erases[1];
	h.n_ext = snap->n;
	h.commit_offset = (uint16_t)hil_ctx_commit_offset(wb);
	h.body_offset = body_off;
	h.body_len = body_len;
	h.body_crc = body_crc;
	h.slot = target;
	h.slot_size = slot_size;
	/* Header, then commit record, each encoded into the stage and padded to the write
	 * block by sink_flush: the padded header ends at commit_offset and the padded commit
	 * record at body_off (hil_ctx_commit_offset, hil_ctx_body_offset), so each lands in
	 * its place with one operation. */
	stage.at = base;
	hil_ctx_header_encode(&h, stage.buf);
	stage.n = HIL_CTX_HEADER_LEN;
	rc = sink_flush(&stage);
	if (rc != 0) {
		return rc;
	}
	/* The commit record last: only now does the slot become valid. */
	hil_ctx_commit_encode(seq, h.header_crc, stage.buf);
	stage.n = HIL_CTX_COMMIT_LEN;
	rc = sink_flush(&stage);
	if (rc != 0) {
		return rc;
	}
	res->slot = target;
	res->seq = seq;
	res->bytes = total;
	res->erases = ram_erases[target];
	return 0;
}

int hil_ctx_store_save(const struct hil_snapshot *snap, struct hil_ctx_save_result *res,
		       uint32_t *bad)
{
	hil_flash_save_begin();
	int rc = save_locked(snap, res, bad);

	hil_flash_save_end();
	return rc;
}

int hil_ctx_store_load(const struct hil_ctx_view **view, uint8_t *slot, uint32_t *seq)
{
	struct hil_ctx_scan scan;

	hil_ctx_store_scan(&scan);
	if (scan.newest < 0) {
		return -HIL_ENOENT;
	}
	*slot = (uint8_t)scan.newest;
	*seq = scan.slot[scan.newest].h.seq;
	if (scan.slot[scan.newest].why == HIL_CTX_OTHER_BUILD) {
		return -HIL_ENOEXEC;
	}
	*view = &loaded;
	return hil_ctx_store_decode_slot(*slot, &scan.slot[scan.newest].h, &loaded);
}

int hil_ctx_store_decode_slot(uint8_t slot, const struct hil_ctx_header *h, struct hil_ctx_view *out)
{
	struct hil_ctx_reader r;

	reader_for(slot, &r);
	return hil_ctx_decode(&r, h, out) == HIL_CTX_OK ? 0 : -HIL_EBADMSG;
}

int hil_ctx_store_copy_image(const struct hil_ctx_view *v, const struct hil_ctx_image *img, uint8_t *dst)
{
	/* straight from flash into the image store: no staging */
	return v->r.read(v->r.user, v->body_offset + img->data_offset, dst, img->len);
}

#if HIL_TEST_COMMANDS
int hil_ctx_store_erase(void)
{
	struct hil_ctx_scan scan;

	hil_ctx_store_scan(&scan);
	for (uint8_t s = 0; s < 2; s++) {
		ram_erases[s] = scan.slot[s].erases + 1u;
		int rc = hil_flash_erase((uint32_t)s * slot_size, slot_size);

		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}
#endif
