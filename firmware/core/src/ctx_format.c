/* Saved-context encoding and validation; see docs/context-format.md for the byte layout. */
#include <stddef.h>
#include <string.h>

#include "hil/crc32.h"
#include "hil/ctx_format.h"
#include "hil/errno.h"

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* A header starts with magic, version 1 and header length 64 (both 16-bit). */
static const uint8_t header_start[8] = { 'H', 'I', 'L', 'X', HIL_CTX_VERSION, 0, HIL_CTX_HEADER_LEN, 0 };

static uint32_t round_up(uint32_t v, uint32_t a) { return a <= 1u ? v : (v + a - 1u) / a * a; }

/* Record fields as a table: byte offset in the record, width (the size of the struct member
 * too: 1, 2 or 4 for an integer, more for a byte array such as a name), offset of the member.
 * Hosts and targets are little-endian, so an integer member's bytes are its record bytes: one
 * loop copies a whole record, to it (to_rec) or from it. */
struct field {
	uint8_t at, width, member;
};
#define FIELD(at, type, m) { (at), (uint8_t)sizeof(((type *)0)->m), (uint8_t)offsetof(type, m) }
#define N_FIELDS(t) (sizeof(t) / sizeof((t)[0]))

static void copy_fields(uint8_t *rec, void *obj, const struct field *f, size_t n, bool to_rec)
{
	for (; n > 0; n--, f++) {
		uint8_t *m = (uint8_t *)obj + f->member;

		memcpy(to_rec ? rec + f->at : m, to_rec ? m : rec + f->at, f->width);
	}
}

/* copy_fields only writes to the side it copies to: the casts drop a const it keeps. */
static void put_fields(uint8_t *rec, const void *src, const struct field *f, size_t n)
{
	copy_fields(rec, (void *)src, f, n, true);
}

static void get_fields(const uint8_t *rec, void *dst, const struct field *f, size_t n)
{
	copy_fields((uint8_t *)rec, dst, f, n, false);
}

/* After magic, version and length; byte 53 is reserved. The CRC stays last: the encoder
 * computes it over the bytes before it. */
static const struct field header_fields[] = {
	FIELD(8, struct hil_ctx_header, build),
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
	FIELD(60, struct hil_ctx_header, header_crc),
};

/* The body prefix: the four counts of the snapshot. */
static const struct field count_fields[] = {
	FIELD(0, struct hil_snapshot, n),
	FIELD(4, struct hil_snapshot, n_maps),
	FIELD(8, struct hil_snapshot, n_syms),
	FIELD(12, struct hil_snapshot, blob_len),
};

/* An extension record is these fields, then image_fields, then 4 reserved bytes. */
static const struct field ext_fields[] = {
	FIELD(0, struct hil_saved_ext, name),
	FIELD(16, struct hil_saved_ext, use_count),
	FIELD(20, struct hil_saved_ext, sect_cnt),
	FIELD(24, struct hil_saved_ext, exp_cnt),
	FIELD(28, struct hil_saved_ext, map_first),
	FIELD(32, struct hil_saved_ext, sym_first),
	FIELD(36, struct hil_saved_ext, dep),
};

static const struct field image_fields[] = {
	FIELD(44, struct hil_ctx_image, offset),
	FIELD(48, struct hil_ctx_image, len),
	FIELD(52, struct hil_ctx_image, crc),
	FIELD(56, struct hil_ctx_image, data_offset),
};

static const struct field map_fields[] = {
	FIELD(0, struct hil_saved_map, mem_idx),
	FIELD(4, struct hil_saved_map, offset),
};

static const struct field sym_fields[] = {
	FIELD(0, struct hil_saved_sym, name),
	FIELD(32, struct hil_saved_sym, value),
};

/* What a build expects (struct hil_ctx_expect) is byte for byte the start of a parsed header
 * (build id, then sizes): a context is of this build when the two compare equal as memory.
 * The array below has a negative size, and the build stops, if the layouts ever differ. */
typedef char expect_is_header_start[offsetof(struct hil_ctx_header, sizes) == offsetof(struct hil_ctx_expect, sizes) &&
				    sizeof(struct hil_ctx_expect) == offsetof(struct hil_ctx_header, sizes) +
									 sizeof(struct hil_target_sizes)
				    ? 1 : -1];

/* The `why` strings in enum order, each after the previous one's NUL. */
static const char why_strs[] = "ok\0empty\0no commit record\0bad magic\0bad header crc\0bad body crc\0"
			       "unsupported version\0truncated\0other build";

const char *hil_ctx_why_str(enum hil_ctx_why why)
{
	const char *s = why_strs;
	unsigned k = (unsigned)why;

	if (k > HIL_CTX_OTHER_BUILD) {
		k = HIL_CTX_TRUNCATED; /* a read error, or no reason at all */
	}
	for (; k > 0; k--) {
		s += strlen(s) + 1;
	}
	return s;
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
	memcpy(out, header_start, sizeof(header_start));
	put_fields(out, h, header_fields, N_FIELDS(header_fields) - 1);
	h->header_crc = hil_crc32(0, out, 60);
	put_fields(out, h, &header_fields[N_FIELDS(header_fields) - 1], 1);
}

void hil_ctx_commit_encode(uint32_t seq, uint32_t header_crc, uint8_t out[HIL_CTX_COMMIT_LEN])
{
	/* Little-endian like every field (copy_fields): the words are their record bytes. */
	const uint32_t words[3] = { seq, header_crc, ~header_crc };

	memcpy(out, HIL_CTX_COMMIT_MAGIC, 4);
	memcpy(out + 4, words, sizeof(words));
}

/* Body offset of the first image: the prefix, the tables and the padded blob. */
static uint32_t tables_len(const struct hil_snapshot *s)
{
	return HIL_CTX_BODY_PREFIX + s->n * HIL_CTX_EXT_LEN + s->n_maps * HIL_CTX_MAP_LEN +
	       s->n_syms * HIL_CTX_SYM_LEN + round_up(s->blob_len, 4u);
}

/* A name as its fixed field holds it: at most size - 1 characters, NUL-padded (whatever a
 * backend left after the terminator never reaches flash). */
static void nul_pad(char *name, size_t size)
{
	name[size - 1] = '\0';
	size_t n = strlen(name);

	memset(name + n, 0, size - n);
}

/* Extension i and its image (offset, len, crc; data_offset left to the caller). */
static int ext_and_image(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
			 uint32_t i, struct hil_saved_ext *e, struct hil_ctx_image *img)
{
	int rc = snap->ext(snap, i, e);

	if (rc != 0) {
		return rc;
	}
	nul_pad(e->name, sizeof(e->name));
	return im->find(im->user, i, e->name, img);
}

int hil_ctx_body_len(const struct hil_snapshot *snap, const struct hil_ctx_images *im,
		     uint32_t *len, uint32_t *bad)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	if (!hil_snapshot_counts_ok(snap)) {
		return -HIL_ENOSPC;
	}
	uint32_t at = tables_len(snap);

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

/* One table record at a time through `rec`: a failed accessor stops the stream. */
static void emit_tables(struct crc_sink *s, const struct hil_snapshot *snap,
			const struct hil_ctx_images *im, uint8_t *rec)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;
	struct hil_saved_map m;
	struct hil_saved_sym y;
	uint32_t data_at = tables_len(snap);

	for (uint32_t i = 0; i < snap->n && s->rc == 0; i++) {
		s->rc = ext_and_image(snap, im, i, &e, &img);
		img.data_offset = data_at;
		data_at += round_up(img.len, 4u);
		put_fields(rec, &e, ext_fields, N_FIELDS(ext_fields));
		put_fields(rec, &img, image_fields, N_FIELDS(image_fields));
		memset(rec + 60, 0, 4); /* reserved */
		emit(s, rec, HIL_CTX_EXT_LEN);
	}
	for (uint32_t k = 0; k < snap->n_maps && s->rc == 0; k++) {
		s->rc = snap->map(snap, k, &m);
		put_fields(rec, &m, map_fields, N_FIELDS(map_fields));
		emit(s, rec, HIL_CTX_MAP_LEN);
	}
	for (uint32_t k = 0; k < snap->n_syms && s->rc == 0; k++) {
		s->rc = snap->sym(snap, k, &y);
		nul_pad(y.name, sizeof(y.name));
		put_fields(rec, &y, sym_fields, N_FIELDS(sym_fields));
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

	if (!hil_snapshot_counts_ok(snap)) {
		return -HIL_ENOSPC;
	}
	put_fields(rec, snap, count_fields, N_FIELDS(count_fields));
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
	uint8_t cm[2 * HIL_CTX_COMMIT_LEN]; /* the commit record read, then the one expected */
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
	get_fields(hdr, h, header_fields, N_FIELDS(header_fields));
	h->parsed = true;

	if (h->commit_offset < HIL_CTX_HEADER_LEN ||
	    h->body_offset < (uint32_t)h->commit_offset + HIL_CTX_COMMIT_LEN || h->body_offset > r->size ||
	    h->body_len > r->size - h->body_offset || h->body_len < HIL_CTX_BODY_PREFIX) {
		return HIL_CTX_TRUNCATED;
	}
	/* A commit record matches only as the very bytes the encoder writes for this header. */
	if (rd(r, h->commit_offset, cm, HIL_CTX_COMMIT_LEN) != 0) {
		return HIL_CTX_READ_ERROR;
	}
	hil_ctx_commit_encode(h->seq, h->header_crc, cm + HIL_CTX_COMMIT_LEN);
	if (memcmp(cm, cm + HIL_CTX_COMMIT_LEN, HIL_CTX_COMMIT_LEN) != 0) {
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
	if (exp != NULL && memcmp(exp, h, sizeof(*exp)) != 0) { /* build and sizes at once */
		return HIL_CTX_OTHER_BUILD;
	}
	return HIL_CTX_OK;
}

/* A non-empty name in a fixed field: its last byte NUL (the fields are one longer than the
 * longest name, HIL_NAME_MAX and HIL_SYM_NAME_MAX) and nothing but NUL after the first NUL. */
static bool name_ok(const char *field, size_t field_len)
{
	if (field[0] == 0 || field[field_len - 1] != 0) {
		return false;
	}
	for (size_t i = 1; i < field_len; i++) {
		if (field[i - 1] == 0 && field[i] != 0) {
			return false;
		}
	}
	return true;
}

/* Extension record i of the body at body_offset into e and img (untouched if unreadable);
 * the raw record stays in rec. */
static int load_ext(const struct hil_ctx_reader *r, uint32_t body_offset, uint32_t i, uint8_t *rec,
		    struct hil_saved_ext *e, struct hil_ctx_image *img)
{
	int rc = rd(r, body_offset + HIL_CTX_BODY_PREFIX + i * HIL_CTX_EXT_LEN, rec, HIL_CTX_EXT_LEN);

	if (rc == 0) {
		get_fields(rec, e, ext_fields, N_FIELDS(ext_fields));
		get_fields(rec, img, image_fields, N_FIELDS(image_fields));
	}
	return rc;
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
		if (load_ext(r, body_offset, k, rec, &ek, &ik) != 0) {
			return false;
		}
		if (strcmp(ek.name, e->name) == 0 ||
		    (img->offset < ik.offset + ik.len && ik.offset < img->offset + img->len)) {
			return false;
		}
	}
	return true;
}

/* first + n <= total, without overflow. */
static bool within(uint32_t first, uint32_t n, uint32_t total)
{
	return first <= total && n <= total - first;
}

/* Extension record i: its name, table ranges, dependencies and image (after *data_end). */
static bool ext_ok(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
		   const struct hil_snapshot *snap, uint32_t i, uint32_t *data_end)
{
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	if (load_ext(r, h->body_offset, i, rec, &e, &img) != 0 || !name_ok(e.name, sizeof(e.name))) {
		return false;
	}
	if (!within(e.map_first, e.sect_cnt, snap->n_maps) || !within(e.sym_first, e.exp_cnt, snap->n_syms) ||
	    get32(rec + 60) != 0) {
		return false;
	}
	for (uint32_t d = 0; d < HIL_MAX_DEPS; d++) {
		if (e.dep[d] != HIL_DEP_NONE && e.dep[d] >= snap->n) {
			return false;
		}
	}
	if (img.len == 0 || img.offset % 16u != 0 || img.data_offset % 4u != 0 ||
	    img.data_offset < *data_end || !within(img.data_offset, img.len, h->body_len) ||
	    !within(img.offset, img.len, 0xffffffffu)) {
		return false;
	}
	*data_end = img.data_offset + round_up(img.len, 4u);
	return unique_against_earlier(r, h->body_offset, i, &e, &img);
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

static int view_ext(const struct hil_snapshot *s, uint32_t i, struct hil_saved_ext *out)
{
	return i < s->n ? hil_ctx_view_ext(view_of(s), i, out, NULL) : -HIL_EINVAL;
}

/* Record k of the map table, or (syms) of the symbol table that follows it: two fields each. */
static int view_record(const struct hil_snapshot *s, bool syms, uint32_t k, void *out)
{
	uint8_t rec[HIL_CTX_SYM_LEN];
	uint32_t at = maps_at(s);
	uint32_t count = s->n_maps;
	uint32_t len = HIL_CTX_MAP_LEN;
	const struct field *f = map_fields;

	if (syms) {
		at += s->n_maps * HIL_CTX_MAP_LEN;
		count = s->n_syms;
		len = HIL_CTX_SYM_LEN;
		f = sym_fields;
	}
	if (k >= count) {
		return -HIL_EINVAL;
	}
	if (rd(&view_of(s)->r, at + k * len, rec, len) != 0) {
		return -HIL_EIO;
	}
	get_fields(rec, out, f, 2);
	return 0;
}

static int view_map(const struct hil_snapshot *s, uint32_t k, struct hil_saved_map *out)
{
	return view_record(s, false, k, out);
}

static int view_sym(const struct hil_snapshot *s, uint32_t k, struct hil_saved_sym *out)
{
	return view_record(s, true, k, out);
}

static int view_blob(const struct hil_snapshot *s, uint32_t off, void *dst, size_t len)
{
	if (off > s->blob_len || len > s->blob_len - off) {
		return -HIL_EINVAL;
	}
	uint32_t at = maps_at(s) + s->n_maps * HIL_CTX_MAP_LEN + s->n_syms * HIL_CTX_SYM_LEN;

	return rd(&view_of(s)->r, at + off, dst, len) != 0 ? -HIL_EIO : 0;
}

int hil_ctx_view_ext(const struct hil_ctx_view *v, uint32_t i, struct hil_saved_ext *e,
		     struct hil_ctx_image *img)
{
	uint8_t rec[HIL_CTX_EXT_LEN];
	struct hil_ctx_image local;

	return load_ext(&v->r, v->body_offset, i, rec, e, img != NULL ? img : &local) != 0 ? -HIL_EIO : 0;
}

/* The tables and images of a body whose counts are within the limits. */
static enum hil_ctx_why check_body(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				   const struct hil_snapshot *snap)
{
	struct hil_saved_sym y;
	uint32_t data_end = tables_len(snap); /* body-relative: image data must follow in order */

	if (data_end > h->body_len) {
		return HIL_CTX_TRUNCATED;
	}
	for (uint32_t i = 0; i < snap->n; i++) {
		if (!ext_ok(r, h, snap, i, &data_end)) {
			return HIL_CTX_TRUNCATED;
		}
	}
	/* Map records need no check here (any mem_idx is the backend's to judge); symbol names must be well-formed. */
	for (uint32_t k = 0; k < snap->n_syms; k++) {
		if (view_sym(snap, k, &y) != 0 || !name_ok(y.name, sizeof(y.name))) {
			return HIL_CTX_TRUNCATED;
		}
	}
	return data_end == h->body_len ? HIL_CTX_OK : HIL_CTX_TRUNCATED;
}

enum hil_ctx_why hil_ctx_decode(const struct hil_ctx_reader *r, const struct hil_ctx_header *h,
				struct hil_ctx_view *out)
{
	uint8_t rec[HIL_CTX_BODY_PREFIX];
	struct hil_snapshot *snap = &out->snap;
	enum hil_ctx_why why = HIL_CTX_TRUNCATED;

	memset(out, 0, sizeof(*out));
	out->r = *r;
	out->body_offset = h->body_offset;
	snap->user = out;
	snap->ext = view_ext;
	snap->map = view_map;
	snap->sym = view_sym;
	snap->blob = view_blob;
	if (rd(r, h->body_offset, rec, HIL_CTX_BODY_PREFIX) == 0) {
		get_fields(rec, snap, count_fields, N_FIELDS(count_fields));
		if (hil_snapshot_counts_ok(snap) && snap->n == h->n_ext) {
			why = check_body(r, h, snap);
		}
	}
	if (why != HIL_CTX_OK) {
		snap->n = snap->n_maps = snap->n_syms = snap->blob_len = 0;
	}
	return why;
}
