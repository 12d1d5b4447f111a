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

bool hil_ctx_seq_newer(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

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

	memset(ram_erases, 0, sizeof(ram_erases));
	memset(&loaded, 0, sizeof(loaded));
	memset(&stage, 0, sizeof(stage));
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

static void expected(struct hil_ctx_expect *e)
{
	memset(e, 0, sizeof(*e));
	(void)hil_ctx_parse_build_id(hil_g_port->build_id, e->build);
	e->sizes = hil_g_backend->sizes;
}

void hil_ctx_store_scan(struct hil_ctx_scan *out)
{
	struct hil_ctx_expect exp;

	expected(&exp);
	memset(out, 0, sizeof(*out));
	out->newest = -1;
	for (uint8_t s = 0; s < 2; s++) {
		struct hil_ctx_reader r;
		struct hil_ctx_slot_info *si = &out->slot[s];

		reader_for(s, &r);
		si->why = hil_ctx_check(&r, &exp, &si->h);
		si->build_match = si->h.parsed && memcmp(si->h.build, exp.build, 8) == 0 &&
			memcmp(&si->h.sizes, &exp.sizes, sizeof(exp.sizes)) == 0;
	}
	/* Erase counts: the best knowledge from RAM and from every header we can trust
	 * (each header carries the counts of both slots as known when it was written). */
	for (int s = 0; s < 2; s++) {
		uint32_t best = ram_erases[s];

		for (int k = 0; k < 2; k++) {
			const struct hil_ctx_header *h = &out->slot[k].h;

			if (h->parsed && hil_ctx_seq_newer(h->erases[s], best)) {
				best = h->erases[s];
			}
		}
		out->slot[s].erases = best;
		ram_erases[s] = best;
	}
	for (int s = 0; s < 2; s++) {
		enum hil_ctx_why w = out->slot[s].why;

		if (w != HIL_CTX_OK && w != HIL_CTX_OTHER_BUILD) {
			continue;
		}
		if (out->newest < 0 ||
		    hil_ctx_seq_newer(out->slot[s].h.seq, out->slot[out->newest].h.seq)) {
			out->newest = s;
		}
	}
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

	while (len > 0) {
		size_t take = STAGE_LEN - fs->n;

		if (take > len) {
			take = len;
		}
		memcpy(fs->buf + fs->n, p, take);
		fs->n += take;
		p += take;
		len -= take;
		if (fs->n == STAGE_LEN) {
			int rc = sink_flush(fs);

			if (rc != 0) {
				return rc;
			}
		}
	}
	return 0;
}

/* Write `len` bytes padded with 0xFF to `padded` (<= STAGE_LEN) as one operation. */
static int write_padded(uint32_t at, const uint8_t *data, size_t len, uint32_t padded)
{
	memset(stage.buf, 0xff, padded);
	memcpy(stage.buf, data, len);
	return hil_flash_write(at, stage.buf, padded);
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
	/* Target: never the newest context of this build (it must survive a cut). */
	int keep = -1;

	for (int s = 0; s < 2; s++) {
		if (scan.slot[s].why == HIL_CTX_OK &&
		    (keep < 0 || hil_ctx_seq_newer(scan.slot[s].h.seq, scan.slot[keep].h.seq))) {
			keep = s;
		}
	}
	if (keep < 0) {
		keep = scan.newest; /* keep another build's context if that is all there is */
	}
	uint8_t target = keep == 0 ? 1u : 0u;
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
	memset(&stage, 0, sizeof(stage));
	stage.at = base + body_off;

	struct hil_ctx_sink sink = { sink_write, &stage };
	uint32_t body_crc = 0;

	rc = hil_ctx_body_encode(snap, &im, &sink, &body_crc);
	if (rc == 0) {
		rc = sink_flush(&stage);
	}
	if (rc != 0) {
		return rc;
	}

	struct hil_ctx_header h;
	uint8_t hdr[HIL_CTX_HEADER_LEN];
	uint8_t cm[HIL_CTX_COMMIT_LEN];

	memset(&h, 0, sizeof(h));
	(void)hil_ctx_parse_build_id(hil_g_port->build_id, h.build);
	h.sizes = hil_g_backend->sizes;
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
	hil_ctx_header_encode(&h, hdr);
	rc = write_padded(base, hdr, sizeof(hdr), h.commit_offset);
	if (rc != 0) {
		return rc;
	}
	/* The commit record last: only now does the slot become valid. */
	hil_ctx_commit_encode(seq, h.header_crc, cm);
	rc = write_padded(base + h.commit_offset, cm, sizeof(cm), body_off - h.commit_offset);
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
