/* Writes a seed corpus for fuzz_ctx_decode: valid slots with 0..3 extensions (write
 * blocks 8 and 64) and one corrupted copy per validator reason. Usage: make_seeds DIR */
#include <stdio.h>
#include <string.h>

#include "hil/crc32.h"
#include "hil/ctx_format.h"
#include "mem_snapshot.h"

static uint8_t slot[8192];
static uint8_t store[2048];
static size_t at;
static uint32_t body_off;

static int sink(void *u, const void *d, size_t n)
{
	(void)u;
	memcpy(slot + body_off + at, d, n);
	at += n;
	return 0;
}

static size_t make(uint32_t n, uint32_t wb)
{
	static struct mem_snapshot m;
	struct mem_snapshot *s = &m;
	struct hil_ctx_image *img = m.img;
	struct hil_ctx_header h;
	uint8_t hdr[HIL_CTX_HEADER_LEN], cm[HIL_CTX_COMMIT_LEN];
	struct hil_ctx_sink k = { sink, NULL };

	memset(&m, 0, sizeof(m));
	mem_snapshot_bind(&m, store);
	memset(slot, 0xff, sizeof(slot));
	s->snap.n = n;
	for (uint32_t i = 0; i < n; i++) {
		snprintf(s->ext[i].name, sizeof(s->ext[i].name), "ext%u", i);
		s->ext[i].use_count = 1 + i;
		s->ext[i].sect_cnt = 2;
		s->ext[i].map_first = 2 * i;
		s->ext[i].exp_cnt = 1;
		s->ext[i].sym_first = i;
		memset(s->ext[i].dep, HIL_DEP_NONE, sizeof(s->ext[i].dep));
		if (i > 0) {
			s->ext[i].dep[0] = (uint8_t)(i - 1);
		}
		s->maps[2 * i].mem_idx = 0;
		s->maps[2 * i + 1].mem_idx = 1;
		s->maps[2 * i + 1].offset = 16;
		snprintf(s->syms[i].name, sizeof(s->syms[i].name), "fn%u", i);
		s->syms[i].value = 4 * i;
		img[i].offset = 256 * i;
		img[i].len = 100 + 37 * i;
		img[i].crc = 0x1000u + i;
	}
	s->snap.n_maps = 2 * n;
	s->snap.n_syms = n;
	for (size_t i = 0; i < sizeof(store); i++) {
		store[i] = (uint8_t)(i * 3u);
	}
	memset(&h, 0, sizeof(h));
	memcpy(h.build, "\x3f\x2a\x9c\x1e\x5b\x7d\x0a\x42", 8);
	h.sizes.llext = 208; h.sizes.sect_map = 8; h.sizes.symbol = 8; h.sizes.ptr = 4;
	h.seq = 5 + n;
	h.erases[0] = 2; h.erases[1] = 3;
	h.n_ext = n;
	h.commit_offset = (uint16_t)hil_ctx_commit_offset(wb);
	h.body_offset = body_off = hil_ctx_body_offset(wb);
	uint32_t bad = 0;

	(void)hil_ctx_body_len(&s->snap, &s->images, &h.body_len, &bad);
	h.slot_size = sizeof(slot);
	at = 0;
	hil_ctx_body_encode(&s->snap, &s->images, &k, &h.body_crc);
	hil_ctx_header_encode(&h, hdr);
	memcpy(slot, hdr, sizeof(hdr));
	hil_ctx_commit_encode(h.seq, h.header_crc, cm);
	memcpy(slot + h.commit_offset, cm, sizeof(cm));
	return h.body_offset + h.body_len;
}

static int save(const char *dir, const char *name, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(slot, 1, len, f) != len) {
		perror(path);
		return 1;
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	int bad = 0;
	char name[64];

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (uint32_t n = 0; n <= 3; n++) {
		size_t len = make(n, 8);

		snprintf(name, sizeof(name), "valid-%u-wb8", n);
		bad |= save(argv[1], name, len);
		len = make(n, 64);
		snprintf(name, sizeof(name), "valid-%u-wb64", n);
		bad |= save(argv[1], name, len);
	}
	size_t len = make(2, 8);
	slot[0] ^= 1;                      bad |= save(argv[1], "bad-magic", len);
	len = make(2, 8); slot[4] = 9;     bad |= save(argv[1], "bad-version", len);
	len = make(2, 8); slot[33] ^= 4;   bad |= save(argv[1], "bad-header-crc", len);
	len = make(2, 8); slot[70] = 0xff; bad |= save(argv[1], "no-commit", len);
	len = make(2, 8); slot[len - 3] ^= 1; bad |= save(argv[1], "bad-body-crc", len);
	len = make(2, 8);                  bad |= save(argv[1], "truncated", len - 40);
	memset(slot, 0xff, 256);           bad |= save(argv[1], "empty", 256);
	return bad;
}
