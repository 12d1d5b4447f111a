/* Saved-context encoding and validation; see docs/context-format.md for the byte layout. */
#include <stddef.h>
#include <string.h>

#include "hil/crc32.h"
#include "hil/ctx_format.h"
#include "hil/errno.h"

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0') {
		n++;
	}
	return n;
}

static uint32_t round_up(uint32_t v, uint32_t a) { return a <= 1u ? v : (v + a - 1u) / a * a; }

/* Record fields as a table: byte offset in the record, width (1, 2 or 4, the width of the
 * struct member too), offset of the member. One loop encodes or decodes a whole record. */
struct field {
	uint8_t at, width, member;
};
#define FIELD(at, type, m) { (at), (uint8_t)sizeof(((type *)0)->m), (uint8_t)offsetof(type, m) }

static void put_fields(uint8_t *rec, const void *src, const struct field *f, size_t n)
{
	for (; n > 0; n--, f++) {
		uint32_t v = 0;

		memcpy(&v, (const uint8_t *)src + f->member, f->width); /* little-endian hosts and targets */
		for (uint8_t k = 0; k < f->width; k++) {
			rec[f->at + k] = (uint8_t)(v >> (8u * k));
		}
	}
}

static void get_fields(const uint8_t *rec, void *dst, const struct field *f, size_t n)
{
	for (; n > 0; n--, f++) {
		uint32_t v = 0;

		for (uint8_t k = 0; k < f->width; k++) {
			v |= (uint32_t)rec[f->at + k] << (8u * k);
		}
		memcpy((uint8_t *)dst + f->member, &v, f->width);
	}
}

static const struct field header_fields[] = {
	FIELD(16, struct hil_ctx_header, sizes.llext),
	FIELD(18, struct hil_ctx_header, sizes.sect_map),
	FIELD(20, struct hil_ctx_header, sizes.symbol),
	FIELD(22, struct hil_ctx_header, sizes.ptr),
	FIELD(24, struct hil_ctx_header, seq),
	FIELD(28, struct hil_ctx_header, erases[0]),
	FIELD(32, struct hil_ctx_header, erases[1]),
	FIELD(36, struct hil_ctx_header, n_ext),
	FIELD(40, struct hil_ctx_header, body_offset),
	FIELD(44, struct hil_ctx_header, body_len),
	FIELD(48, struct hil_ctx_header, body_crc),
	FIELD(52, struct hil_ctx_header, slot),
	FIELD(54, struct hil_ctx_header, commit_offset),
	FIELD(56, struct hil_ctx_header, slot_size),
};

static const struct field ext_fields[] = {
	FIELD(16, struct hil_saved_ext, use_count),
	FIELD(20, struct hil_saved_ext, sect_cnt),
	FIELD(24, struct hil_saved_ext, exp_cnt),
	FIELD(28, struct hil_saved_ext, map_first),
	FIELD(32, struct hil_saved_ext, sym_first),
};

static const struct field image_fields[] = {
	FIELD(44, struct hil_ctx_image, offset),
	FIELD(48, struct hil_ctx_image, len),
	FIELD(52, struct hil_ctx_image, crc),
	FIELD(56, struct hil_ctx_image, data_offset),
};
#define N_FIELDS(t) (sizeof(t) / sizeof((t)[0]))

const char *hil_ctx_why_str(enum hil_ctx_why why)
{
	switch (why) {
	case HIL_CTX_OK: return "ok";
	case HIL_CTX_EMPTY: return "empty";
	case HIL_CTX_NO_COMMIT: return "no commit record";
	case HIL_CTX_BAD_MAGIC: return "bad magic";
	case HIL_CTX_BAD_HEADER_CRC: return "bad header crc";
	case HIL_CTX_BAD_BODY_CRC: return "bad body crc";
	case HIL_CTX_UNSUPPORTED_VERSION: return "unsupported version";
	case HIL_CTX_OTHER_BUILD: return "other build";
	case HIL_CTX_TRUNCATED:
	case HIL_CTX_READ_ERROR:
	default: return "truncated";
	}
}

uint32_t hil_ctx_commit_offset(uint32_t write_block)
{
	return round_up(HIL_CTX_HEADER_LEN, write_block);
}

uint32_t hil_ctx_body_offset(uint32_t write_block)
{
	return hil_ctx_commit_offset(write_block) + round_up(HIL_CTX_COMMIT_LEN, write_block);
}

bool hil_ctx_parse_build_id(const char *hex, uint8_t out[8])
{
	for (int i = 0; i < 16; i++) {
		char c = hex[i];
		uint8_t d;

		if (c >= '0' && c <= '9') {
			d = (uint8_t)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			d = (uint8_t)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			d = (uint8_t)(c - 'A' + 10);
		} else {
			return false;
		}
		if (i % 2 == 0) {
			out[i / 2] = (uint8_t)(d << 4);
		} else {
			out[i / 2] |= d;
		}
	}
	return hex[16] == '\0';
}

void hil_ctx_header_encode(struct hil_ctx_header *h, uint8_t out[HIL_CTX_HEADER_LEN])
{
	memset(out, 0, HIL_CTX_HEADER_LEN);
	memcpy(out, HIL_CTX_MAGIC, 4);
	put16(out + 4, HIL_CTX_VERSION);
	put16(out + 6, HIL_CTX_HEADER_LEN);
	memcpy(out + 8, h->build, 8);
	put_fields(out, h, header_fields, N_FIELDS(header_fields));
	h->header_crc = hil_crc32(0, out, 60);
	put32(out + 60, h->header_crc);
}

void hil_ctx_commit_encode(uint32_t seq, uint32_t header_crc, uint8_t out[HIL_CTX_COMMIT_LEN])
{
	memcpy(out, HIL_CTX_COMMIT_MAGIC, 4);
	put32(out + 4, seq);
	put32(out + 8, header_crc);
	put32(out + 12, ~header_crc);
}

static uint32_t tables_len(uint32_t n, uint32_t m, uint32_t s, uint32_t blob)
{
	return HIL_CTX_BODY_PREFIX + n * HIL_CTX_EXT_LEN + m * HIL_CTX_MAP_LEN + s * HIL_CTX_SYM_LEN +
	       round_up(blob, 4u);
}

static bool counts_ok(const struct hil_snapshot *snap)
{
	return snap->n <= HIL_CTX_MAX_EXT && snap->n_maps <= HIL_CTX_MAX_MAPS &&
	       snap->n_syms <= HIL_CTX_MAX_SYMS && snap->blob_len <= HIL_CTX_BLOB_MAX;
}

/* Extension i and its image (offset, len, crc; data_offset left to the caller). */
static int ext_and_image(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
			 uint32_t i, struct hil_saved_ext *e, struct hil_ctx_image *img)
{
	int rc = snap->ext(snap, i, e);

	if (rc != 0) {
		return rc;
	}
	e->name[HIL_NAME_MAX] = '\0';
	return im->find(im->user, i, e->name, img);
}

int hil_ctx_body_len(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
		     uint32_t *len, uint32_t *bad)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	if (!counts_ok(snap)) {
		return -HIL_ENOSPC;
	}
	uint32_t at = tables_len(snap->n, snap->n_maps, snap->n_syms, snap->blob_len);

	for (uint32_t i = 0; i < snap->n; i++) {
		int rc = ext_and_image(snap, im, i, &e, &img);

		if (rc != 0) {
			*bad = i;
			return rc;
		}
		at += round_up(img.len, 4u);
	}
	*len = at;
	return 0;
}

/* Sink wrapper that keeps the running CRC. */
struct crc_sink {
	const struct hil_ctx_sink *sink;
	uint32_t crc;
	int rc;
};

static void emit(struct crc_sink *s, const void *data, size_t len)
{
	if (s->rc != 0 || len == 0) {
		return;
	}
	s->crc = hil_crc32(s->crc, data, len);
	s->rc = s->sink->write(s->sink->user, data, len);
}

static void emit_pad4(struct crc_sink *s, uint32_t len)
{
	static const uint8_t zeros[4];

	emit(s, zeros, round_up(len, 4u) - len);
}

static void ext_record(const struct hil_saved_ext *e, const struct hil_ctx_image *img, uint8_t *rec)
{
	memset(rec, 0, HIL_CTX_EXT_LEN);
	memcpy(rec, e->name, bounded_len(e->name, HIL_NAME_MAX));
	put_fields(rec, e, ext_fields, N_FIELDS(ext_fields));
	memcpy(rec + 36, e->dep, HIL_MAX_DEPS);
	put_fields(rec, img, image_fields, N_FIELDS(image_fields));
}

/* One table record at a time through `rec`: a failed accessor stops the stream. */
static void emit_tables(struct crc_sink *s, const struct hil_snapshot *snap,
			const struct hil_ctx_images *im, uint8_t *rec)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;
	struct hil_saved_map m;
	struct hil_saved_sym y;
	uint32_t data_at = tables_len(snap->n, snap->n_maps, snap->n_syms, snap->blob_len);

	for (uint32_t i = 0; i < snap->n && s->rc == 0; i++) {
		s->rc = ext_and_image(snap, im, i, &e, &img);
		img.data_offset = data_at;
		data_at += round_up(img.len, 4u);
		ext_record(&e, &img, rec);
		emit(s, rec, HIL_CTX_EXT_LEN);
	}
	for (uint32_t k = 0; k < snap->n_maps && s->rc == 0; k++) {
		s->rc = snap->map(snap, k, &m);
		put32(rec, m.mem_idx);
		put32(rec + 4, m.offset);
		emit(s, rec, HIL_CTX_MAP_LEN);
	}
	for (uint32_t k = 0; k < snap->n_syms && s->rc == 0; k++) {
		s->rc = snap->sym(snap, k, &y);
		memset(rec, 0, HIL_CTX_SYM_LEN);
		memcpy(rec, y.name, bounded_len(y.name, HIL_SYM_NAME_MAX));
		put32(rec + 32, y.value);
		emit(s, rec, HIL_CTX_SYM_LEN);
	}
	for (uint32_t off = 0; off < snap->blob_len && s->rc == 0; off += HIL_CTX_EXT_LEN) {
		uint32_t n = snap->blob_len - off < HIL_CTX_EXT_LEN ? snap->blob_len - off : HIL_CTX_EXT_LEN;

		s->rc = snap->blob(snap, off, rec, n);
		emit(s, rec, n);
	}
	emit_pad4(s, snap->blob_len);
}

int hil_ctx_body_encode(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
			const struct hil_ctx_sink *sink, uint32_t *crc_out)
{
	struct crc_sink s = { sink, 0, 0 };
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	if (!counts_ok(snap)) {
		return -HIL_ENOSPC;
	}
	memset(rec, 0, HIL_CTX_BODY_PREFIX);
	put32(rec, snap->n);
	put32(rec + 4, snap->n_maps);
	put32(rec + 8, snap->n_syms);
	put32(rec + 12, snap->blob_len);
	emit(&s, rec, HIL_CTX_BODY_PREFIX);
	emit_tables(&s, snap, im, rec);
	for (uint32_t i = 0; i < snap->n && s.rc == 0; i++) {
		s.rc = ext_and_image(snap, im, i, &e, &img);
		if (s.rc == 0) {
			emit(&s, im->base + img.offset, img.len);
			emit_pad4(&s, img.len);
		}
	}
	*crc_out = s.crc;
	return s.rc;
}

static bool all_ff(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != 0xffu) {
			return false;
		}
	}
	return true;
}

static int rd(const struct hil_ctx_reader *r, uint32_t off, void *dst, size_t len)
{
	if (off > r->size || r->size - off < len) {
		return -1;
	}
	return r->read(r->user, off, dst, len);
}

enum hil_ctx_why hil_ctx_check(const struct hil_ctx_reader *r, const struct hil_ctx_expect *exp,
			       struct hil_ctx_header *h)
{
	uint8_t hdr[HIL_CTX_HEADER_LEN];
	uint8_t cm[HIL_CTX_COMMIT_LEN];
	uint8_t buf[64];

	memset(h, 0, sizeof(*h));
	if (r->size < HIL_CTX_HEADER_LEN) {
		return HIL_CTX_TRUNCATED;
	}
	if (rd(r, 0, hdr, sizeof(hdr)) != 0) {
		return HIL_CTX_READ_ERROR;
	}
	if (all_ff(hdr, sizeof(hdr))) {
		return HIL_CTX_EMPTY;
	}
	if (memcmp(hdr, HIL_CTX_MAGIC, 4) != 0) {
		return HIL_CTX_BAD_MAGIC;
	}
	if (get16(hdr + 4) != HIL_CTX_VERSION || get16(hdr + 6) != HIL_CTX_HEADER_LEN) {
		return HIL_CTX_UNSUPPORTED_VERSION;
	}
	if (hil_crc32(0, hdr, 60) != get32(hdr + 60)) {
		return HIL_CTX_BAD_HEADER_CRC;
	}
	memcpy(h->build, hdr + 8, 8);
	get_fields(hdr, h, header_fields, N_FIELDS(header_fields));
	h->header_crc = get32(hdr + 60);
	h->parsed = true;

	if (h->commit_offset < HIL_CTX_HEADER_LEN ||
	    h->body_offset < (uint32_t)h->commit_offset + HIL_CTX_COMMIT_LEN || h->body_offset > r->size ||
	    h->body_len > r->size - h->body_offset || h->body_len < HIL_CTX_BODY_PREFIX) {
		return HIL_CTX_TRUNCATED;
	}
	uint32_t commit_off = h->commit_offset;

	if (rd(r, commit_off, cm, sizeof(cm)) != 0) {
		return HIL_CTX_READ_ERROR;
	}
	if (memcmp(cm, HIL_CTX_COMMIT_MAGIC, 4) != 0 || get32(cm + 4) != h->seq ||
	    get32(cm + 8) != h->header_crc || get32(cm + 12) != ~h->header_crc) {
		return HIL_CTX_NO_COMMIT;
	}

	uint32_t crc = 0;

	for (uint32_t at = 0; at < h->body_len;) {
		uint32_t n = h->body_len - at;

		if (n > sizeof(buf)) {
			n = sizeof(buf);
		}
		if (rd(r, h->body_offset + at, buf, n) != 0) {
			return HIL_CTX_READ_ERROR;
		}
		crc = hil_crc32(crc, buf, n);
		at += n;
	}
	if (crc != h->body_crc) {
		return HIL_CTX_BAD_BODY_CRC;
	}
	if (exp != NULL &&
	    (memcmp(exp->build, h->build, 8) != 0 || exp->sizes.llext != h->sizes.llext ||
	     exp->sizes.sect_map != h->sizes.sect_map || exp->sizes.symbol != h->sizes.symbol ||
	     exp->sizes.ptr != h->sizes.ptr)) {
		return HIL_CTX_OTHER_BUILD;
	}
	return HIL_CTX_OK;
}

/* A NUL-terminated, non-empty name in a fixed field whose tail is all NUL. */
static bool name_ok(const uint8_t *field, size_t field_len, size_t max_len)
{
	size_t n = 0;

	while (n < field_len && field[n] != 0) {
		n++;
	}
	if (n == 0 || n > max_len || n == field_len) {
		return false;
	}
	for (size_t i = n; i < field_len; i++) {
		if (field[i] != 0) {
			return false;
		}
	}
	return true;
}

static int read_ext(const struct hil_ctx_reader *r, uint32_t body_offset, uint32_t i, uint8_t *rec)
{
	return rd(r, body_offset + HIL_CTX_BODY_PREFIX + i * HIL_CTX_EXT_LEN, rec, HIL_CTX_EXT_LEN);
}

static void ext_from_record(const uint8_t *rec, struct hil_saved_ext *e, struct hil_ctx_image *img)
{
	memcpy(e->name, rec, 16);
	get_fields(rec, e, ext_fields, N_FIELDS(ext_fields));
	memcpy(e->dep, rec + 36, HIL_MAX_DEPS);
	get_fields(rec, img, image_fields, N_FIELDS(image_fields));
}

/* Record i against the ones before it: one image per name, images without overlap. Reads
 * the earlier records again rather than keeping them (n <= 16). */
static bool unique_against_earlier(const struct hil_ctx_reader *r, uint32_t body_offset, uint32_t i,
				   const struct hil_saved_ext *e, const struct hil_ctx_image *img)
{
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_saved_ext ek;
	struct hil_ctx_image ik;

	for (uint32_t k = 0; k < i; k++) {
		if (read_ext(r, body_offset, k, rec) != 0) {
			return false;
		}
		ext_from_record(rec, &ek, &ik);
		if (strcmp(ek.name, e->name) == 0 ||
		    (img->offset < ik.offset + ik.len && ik.offset < img->offset + img->len)) {
			return false;
		}
	}
	return true;
}

static enum hil_ctx_why check_ext(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				  const struct hil_snapshot *snap, uint32_t i, uint32_t *data_end)
{
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	if (read_ext(r, h->body_offset, i, rec) != 0 || !name_ok(rec, 16, HIL_NAME_MAX)) {
		return HIL_CTX_TRUNCATED;
	}
	ext_from_record(rec, &e, &img);
	if ((uint64_t)e.map_first + e.sect_cnt > snap->n_maps ||
	    (uint64_t)e.sym_first + e.exp_cnt > snap->n_syms || get32(rec + 60) != 0) {
		return HIL_CTX_TRUNCATED;
	}
	for (uint32_t d = 0; d < HIL_MAX_DEPS; d++) {
		if (e.dep[d] != HIL_DEP_NONE && e.dep[d] >= snap->n) {
			return HIL_CTX_TRUNCATED;
		}
	}
	if (img.len == 0 || img.offset % 16u != 0 || img.data_offset % 4u != 0 ||
	    img.data_offset < *data_end || (uint64_t)img.data_offset + img.len > h->body_len ||
	    (uint64_t)img.offset + img.len > 0xffffffffull) {
		return HIL_CTX_TRUNCATED;
	}
	*data_end = img.data_offset + round_up(img.len, 4u);
	return unique_against_earlier(r, h->body_offset, i, &e, &img) ? HIL_CTX_OK : HIL_CTX_TRUNCATED;
}

/* Accessors of a decoded body: fixed-size records at computed offsets. */
static const struct hil_ctx_view *view_of(const struct hil_snapshot *s)
{
	return (const struct hil_ctx_view *)s->user;
}

static uint32_t maps_at(const struct hil_snapshot *s)
{
	return view_of(s)->body_offset + HIL_CTX_BODY_PREFIX + s->n * HIL_CTX_EXT_LEN;
}

static uint32_t syms_at(const struct hil_snapshot *s)
{
	return maps_at(s) + s->n_maps * HIL_CTX_MAP_LEN;
}

static int view_ext(const struct hil_snapshot *s, uint32_t i, struct hil_saved_ext *out)
{
	return i < s->n ? hil_ctx_view_ext(view_of(s), i, out, NULL) : -HIL_EINVAL;
}

static int view_map(const struct hil_snapshot *s, uint32_t k, struct hil_saved_map *out)
{
	uint8_t rec[HIL_CTX_MAP_LEN];

	if (k >= s->n_maps || rd(&view_of(s)->r, maps_at(s) + k * HIL_CTX_MAP_LEN, rec, sizeof(rec)) != 0) {
		return k >= s->n_maps ? -HIL_EINVAL : -HIL_EIO;
	}
	out->mem_idx = get32(rec);
	out->offset = get32(rec + 4);
	return 0;
}

static int view_sym(const struct hil_snapshot *s, uint32_t k, struct hil_saved_sym *out)
{
	uint8_t rec[HIL_CTX_SYM_LEN];

	if (k >= s->n_syms || rd(&view_of(s)->r, syms_at(s) + k * HIL_CTX_SYM_LEN, rec, sizeof(rec)) != 0) {
		return k >= s->n_syms ? -HIL_EINVAL : -HIL_EIO;
	}
	memcpy(out->name, rec, 32);
	out->value = get32(rec + 32);
	return 0;
}

static int view_blob(const struct hil_snapshot *s, uint32_t off, void *dst, size_t len)
{
	if (off > s->blob_len || len > s->blob_len - off) {
		return -HIL_EINVAL;
	}
	return rd(&view_of(s)->r, syms_at(s) + s->n_syms * HIL_CTX_SYM_LEN + off, dst, len) != 0 ? -HIL_EIO : 0;
}

int hil_ctx_view_ext(const struct hil_ctx_view *v, uint32_t i, struct hil_saved_ext *e,
		     struct hil_ctx_image *img)
{
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_ctx_image local;

	if (read_ext(&v->r, v->body_offset, i, rec) != 0) {
		return -HIL_EIO;
	}
	ext_from_record(rec, e, img != NULL ? img : &local);
	return 0;
}

enum hil_ctx_why hil_ctx_decode(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				struct hil_ctx_view *out)
{
	uint8_t rec[HIL_CTX_SYM_LEN];
	struct hil_snapshot *snap = &out->snap;

	memset(out, 0, sizeof(*out));
	out->r = *r;
	out->body_offset = h->body_offset;
	snap->user = out;
	snap->ext = view_ext;
	snap->map = view_map;
	snap->sym = view_sym;
	snap->blob = view_blob;
	if (rd(r, h->body_offset, rec, HIL_CTX_BODY_PREFIX) != 0) {
		return HIL_CTX_TRUNCATED;
	}
	snap->n = get32(rec);
	snap->n_maps = get32(rec + 4);
	snap->n_syms = get32(rec + 8);
	snap->blob_len = get32(rec + 12);
	if (!counts_ok(snap) || snap->n != h->n_ext) {
		snap->n = snap->n_maps = snap->n_syms = snap->blob_len = 0;
		return HIL_CTX_TRUNCATED;
	}
	uint32_t tables = tables_len(snap->n, snap->n_maps, snap->n_syms, snap->blob_len);
	uint32_t data_end = tables; /* body-relative: image data must follow in order */
	enum hil_ctx_why why = tables > h->body_len ? HIL_CTX_TRUNCATED : HIL_CTX_OK;

	for (uint32_t i = 0; i < snap->n && why == HIL_CTX_OK; i++) {
		why = check_ext(r, h, snap, i, &data_end);
	}
	/* Map records need no check here (any mem_idx is the backend's to judge); symbol names must be well-formed. */
	for (uint32_t k = 0; k < snap->n_syms && why == HIL_CTX_OK; k++) {
		if (rd(r, syms_at(snap) + k * HIL_CTX_SYM_LEN, rec, HIL_CTX_SYM_LEN) != 0 ||
		    !name_ok(rec, 32, HIL_SYM_NAME_MAX)) {
			why = HIL_CTX_TRUNCATED;
		}
	}
	if (why == HIL_CTX_OK && data_end != h->body_len) {
		why = HIL_CTX_TRUNCATED;
	}
	if (why != HIL_CTX_OK) {
		snap->n = snap->n_maps = snap->n_syms = snap->blob_len = 0;
	}
	return why;
}
