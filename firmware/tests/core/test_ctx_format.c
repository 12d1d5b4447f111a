/* Context encode/decode round trip over memory, and the validator's reason for each
 * corruption. */
#include <string.h>

#include "hil/crc32.h"
#include "hil/ctx_format.h"
#include "mem_snapshot.h"
#include "test_support.h"

#define SLOT 8192u
#define WB 8u

static uint8_t slot[SLOT];
static uint8_t store[4096];
static struct mem_snapshot in_m, out_m;
static struct hil_ctx_view view;
#define in (in_m)
#define img (in_m.img)
static size_t sink_at;

static int mem_read(void *user, uint32_t off, void *dst, size_t len)
{
	memcpy(dst, (uint8_t *)user + off, len);
	return 0;
}

static int mem_write(void *user, const void *data, size_t len)
{
	(void)user;
	memcpy(slot + hil_ctx_body_offset(WB) + sink_at, data, len);
	sink_at += len;
	return 0;
}

static const struct hil_ctx_expect expect = {
	{ 0x3f, 0x2a, 0x9c, 0x1e, 0x5b, 0x7d, 0x0a, 0x42 }, { 208, 8, 8, 4 }
};

static void build_snapshot(void)
{
	memset(&in_m, 0, sizeof(in_m));
	mem_snapshot_bind(&in_m, store);
	in.snap.n = 2;
	snprintf(in.ext[0].name, 16, "producer");
	snprintf(in.ext[1].name, 16, "consumer");
	in.ext[0].use_count = 2;
	in.ext[1].use_count = 1;
	for (int i = 0; i < 2; i++) {
		in.ext[i].sect_cnt = 3;
		in.ext[i].map_first = (uint32_t)i * 3u;
		in.ext[i].exp_cnt = (uint32_t)(2 - i);
		in.ext[i].sym_first = (uint32_t)i * 2u;
		memset(in.ext[i].dep, HIL_DEP_NONE, HIL_MAX_DEPS);
	}
	in.ext[1].dep[0] = 0;
	in.snap.n_maps = 6;
	for (uint32_t i = 0; i < 6; i++) {
		in.maps[i].mem_idx = i % 4u;
		in.maps[i].offset = 0x40u * i;
	}
	in.snap.blob_len = 6;
	memcpy(in.blob, "\x01\x02blob", 6);
	in.snap.n_syms = 3;
	snprintf(in.syms[2].name, 32, "consume");
	in.syms[2].value = 0x30;
	snprintf(in.syms[0].name, 32, "produce");
	snprintf(in.syms[1].name, 32, "a_symbol_name_of_31_characters_");
	in.syms[0].value = 0x10;
	in.syms[1].value = 0x24;
	for (size_t i = 0; i < sizeof(store); i++) {
		store[i] = (uint8_t)(i ^ 0x5a);
	}
	img[0] = (struct hil_ctx_image){ 0, 301, 0xdeadbeefu, 0 };
	img[1] = (struct hil_ctx_image){ 320, 1000, 0x01020304u, 0 };
}

/* Write a whole valid slot image into `slot`; returns the header. */
static struct hil_ctx_header write_slot(uint32_t seq)
{
	struct hil_ctx_header h;
	uint8_t hdr[HIL_CTX_HEADER_LEN], cm[HIL_CTX_COMMIT_LEN];
	struct hil_ctx_sink sink = { mem_write, NULL };

	memset(slot, 0xff, sizeof(slot));
	memset(&h, 0, sizeof(h));
	memcpy(h.build, expect.build, 8);
	h.sizes = expect.sizes;
	h.seq = seq;
	h.erases[0] = 3;
	h.erases[1] = 4;
	h.n_ext = in.snap.n;
	h.commit_offset = (uint16_t)hil_ctx_commit_offset(WB);
	h.body_offset = hil_ctx_body_offset(WB);
	uint32_t bad = 0;

	CHECK_EQ_INT(hil_ctx_body_len(&in.snap, &in.images, &h.body_len, &bad), 0);
	h.slot = 1;
	h.slot_size = SLOT;
	sink_at = 0;
	CHECK_EQ_INT(hil_ctx_body_encode(&in.snap, &in.images, &sink, &h.body_crc), 0);
	CHECK_EQ_INT(sink_at, h.body_len);
	CHECK_EQ_INT(h.body_crc, hil_crc32(0, slot + h.body_offset, h.body_len));
	hil_ctx_header_encode(&h, hdr);
	memcpy(slot, hdr, sizeof(hdr));
	hil_ctx_commit_encode(seq, h.header_crc, cm);
	memcpy(slot + h.commit_offset, cm, sizeof(cm));
	return h;
}

static enum hil_ctx_why check(struct hil_ctx_header *h)
{
	struct hil_ctx_reader r = { mem_read, slot, SLOT };

	return hil_ctx_check(&r, &expect, h);
}

static void round_trip(void)
{
	struct hil_ctx_header h;
	struct hil_ctx_header w = write_slot(7);
	struct hil_ctx_reader r = { mem_read, slot, SLOT };

	CHECK_EQ_INT(w.body_offset, 80);
	CHECK_EQ_INT(w.body_len, 16 + 2 * 64 + 6 * 8 + 3 * 36 + 8 + 304 + 1000);
	CHECK_EQ_INT(check(&h), HIL_CTX_OK);
	CHECK_EQ_INT(h.seq, 7);
	CHECK_EQ_INT(h.erases[0], 3);
	CHECK_EQ_INT(h.erases[1], 4);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_OK);
	memset(&out_m, 0, sizeof(out_m));
	CHECK_EQ_INT(mem_snapshot_read(&out_m, &view.snap), 0);
	CHECK(memcmp(in_m.ext, out_m.ext, sizeof(in_m.ext)) == 0);
	CHECK(memcmp(in_m.maps, out_m.maps, sizeof(in_m.maps)) == 0);
	CHECK(memcmp(in_m.syms, out_m.syms, sizeof(in_m.syms)) == 0);
	CHECK(memcmp(in_m.blob, out_m.blob, sizeof(in_m.blob)) == 0);
	CHECK_EQ_INT(out_m.snap.n, 2);
	CHECK_EQ_INT(out_m.snap.n_maps, 6);
	CHECK_EQ_INT(out_m.snap.n_syms, 3);
	CHECK_EQ_INT(out_m.snap.blob_len, 6);
	for (int i = 0; i < 2; i++) {
		struct hil_ctx_image img_out_i;
		struct hil_saved_ext e;

		CHECK_EQ_INT(hil_ctx_view_ext(&view, (uint32_t)i, &e, &img_out_i), 0);
		CHECK_EQ_INT(img_out_i.offset, img[i].offset);
		CHECK_EQ_INT(img_out_i.len, img[i].len);
		CHECK_EQ_INT(img_out_i.crc, img[i].crc);
		CHECK(memcmp(slot + h.body_offset + img_out_i.data_offset, store + img[i].offset, img[i].len) == 0);
	}
	/* the documented magic bytes */
	CHECK(memcmp(slot, "HILX", 4) == 0);
	CHECK(memcmp(slot + 64, "CMIT", 4) == 0);
}

/* Corrupt one byte and fix the header CRC when asked, so deeper checks are reached. */
static void fix_header_crc(void)
{
	uint32_t crc = hil_crc32(0, slot, 60);
	uint8_t cm[HIL_CTX_COMMIT_LEN];

	for (int i = 0; i < 4; i++) {
		slot[60 + i] = (uint8_t)(crc >> (8 * i));
	}
	uint32_t seq = (uint32_t)slot[24] | ((uint32_t)slot[25] << 8) | ((uint32_t)slot[26] << 16) | ((uint32_t)slot[27] << 24);
	hil_ctx_commit_encode(seq, crc, cm);
	memset(slot + 64, 0xff, 16);
	memcpy(slot + 64, cm, sizeof(cm));
}

static void reasons(void)
{
	struct hil_ctx_header h;

	memset(slot, 0xff, sizeof(slot));
	CHECK_EQ_INT(check(&h), HIL_CTX_EMPTY);
	CHECK_STR(hil_ctx_why_str(HIL_CTX_EMPTY), "empty");

	write_slot(1);
	slot[0] = 'X';
	CHECK_EQ_INT(check(&h), HIL_CTX_BAD_MAGIC);
	CHECK_STR(hil_ctx_why_str(check(&h)), "bad magic");

	write_slot(1);
	slot[4] = 2;
	CHECK_EQ_INT(check(&h), HIL_CTX_UNSUPPORTED_VERSION);
	CHECK_STR(hil_ctx_why_str(check(&h)), "unsupported version");

	write_slot(1);
	slot[30] ^= 1; /* erase count A */
	CHECK_EQ_INT(check(&h), HIL_CTX_BAD_HEADER_CRC);
	CHECK_STR(hil_ctx_why_str(check(&h)), "bad header crc");

	write_slot(1);
	memset(slot + 64, 0xff, 16); /* commit record never written */
	CHECK_EQ_INT(check(&h), HIL_CTX_NO_COMMIT);
	CHECK_STR(hil_ctx_why_str(check(&h)), "no commit record");
	CHECK(h.parsed);

	write_slot(1);
	memset(slot + 72, 0xff, 8); /* commit record half written */
	CHECK_EQ_INT(check(&h), HIL_CTX_NO_COMMIT);

	write_slot(1);
	slot[200] ^= 0x80;
	CHECK_EQ_INT(check(&h), HIL_CTX_BAD_BODY_CRC);
	CHECK_STR(hil_ctx_why_str(check(&h)), "bad body crc");

	write_slot(1);
	slot[44] = 0xff; slot[45] = 0xff; /* body_len beyond the slot */
	fix_header_crc();
	CHECK_EQ_INT(check(&h), HIL_CTX_TRUNCATED);
	CHECK_STR(hil_ctx_why_str(check(&h)), "truncated");

	write_slot(1);
	slot[8] ^= 0xff; /* build id */
	fix_header_crc();
	CHECK_EQ_INT(check(&h), HIL_CTX_OTHER_BUILD);
	CHECK_STR(hil_ctx_why_str(check(&h)), "other build");

	write_slot(1);
	slot[16] = 216; /* sizeof(struct llext) differs */
	fix_header_crc();
	CHECK_EQ_INT(check(&h), HIL_CTX_OTHER_BUILD);

	/* CRC-valid body with inconsistent tables: decode rejects it */
	struct hil_ctx_reader r = { mem_read, slot, SLOT };
	uint32_t saved_first = in.ext[1].map_first;

	in.ext[1].map_first = 5; /* 5 + 3 > 6 maps */
	write_slot(1);
	CHECK_EQ_INT(check(&h), HIL_CTX_OK);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_TRUNCATED);
	in.ext[1].map_first = saved_first;

	in.ext[1].dep[0] = 2; /* dependency index out of range */
	write_slot(1);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_TRUNCATED);
	in.ext[1].dep[0] = 0;

	snprintf(in.ext[1].name, 16, "producer"); /* duplicate name */
	write_slot(1);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_TRUNCATED);
	snprintf(in.ext[1].name, 16, "consumer");

	write_slot(1);
	CHECK_EQ_INT(check(&h), HIL_CTX_OK);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_OK);
}

static void empty_context(void)
{
	struct hil_ctx_header h;
	struct hil_ctx_reader r = { mem_read, slot, SLOT };
	struct hil_snapshot saved = in.snap;

	in.snap.n = in.snap.n_maps = in.snap.n_syms = in.snap.blob_len = 0;
	write_slot(9);
	CHECK_EQ_INT(check(&h), HIL_CTX_OK);
	CHECK_EQ_INT(h.body_len, 16);
	CHECK_EQ_INT(hil_ctx_decode(&r, &h, &view), HIL_CTX_OK);
	CHECK_EQ_INT(view.snap.n, 0);
	in.snap = saved;
}

int main(void)
{
	build_snapshot();
	round_trip();
	reasons();
	empty_context();
	return t_done("test_ctx_format");
}
