/* ELF parsing of the real sample objects (ELF64 host, ELF32 Cortex-M3) and rejection of
 * truncated and corrupted input. Every input sits in a malloc'd buffer of exactly its
 * length, so AddressSanitizer reports any read past it. */
#include <string.h>

#include "elf.h"
#include "test_support.h"

static uint8_t *exact_copy(const uint8_t *src, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	CHECK(p != NULL, "malloc");
	memcpy(p, src, len);
	return p;
}

static int find_section(const struct elf_info *e, const char *name, struct elf_section *out)
{
	uint32_t i;

	for (i = 1; i < e->shnum; i++) {
		elf_section(e, i, out);
		if (strcmp(out->name, name) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static int has_symbol(const struct elf_info *e, const char *name, int export)
{
	uint32_t i;

	for (i = 1; i < e->sym_cnt; i++) {
		struct elf_symbol s;

		elf_symbol(e, i, &s);
		if (strcmp(s.name, name) == 0) {
			return export ? elf_is_export(&s) : elf_is_import(&s);
		}
	}
	return 0;
}

/* Touch everything the accessors can reach, so ASan sees any bad offset. */
static void walk_all(const struct elf_info *e)
{
	uint32_t i;
	size_t total = 0;

	for (i = 0; i < e->shnum; i++) {
		struct elf_section s;

		elf_section(e, i, &s);
		total += strlen(s.name) + (size_t)elf_mem_idx(e, i);
	}
	for (i = 1; i < e->sym_cnt; i++) {
		struct elf_symbol s;

		elf_symbol(e, i, &s);
		total += strlen(s.name);
		if (elf_is_export(&s)) {
			CHECK(elf_export_offset(e, &s) <= e->len, "export offset within image");
		}
	}
	CHECK(total < (size_t)-1, "walk");
}

static void check_samples(const char *dir, int is64)
{
	struct elf_info e;
	struct elf_section s;
	uint8_t *img;
	size_t len;
	int idx;

	img = test_image_from(dir, "producer", is64 ? "producer" : "producer32", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "producer parses");
	CHECK_EQ(e.is64, is64, "ELF class");
	CHECK(e.shnum >= 6, "producer has its sections (%u)", e.shnum);
	CHECK_EQ(e.exp_cnt, 2, "producer exports 2");
	CHECK_EQ(e.imp_cnt, 0, "producer imports nothing");
	CHECK(has_symbol(&e, "producer_value", 1) && has_symbol(&e, "producer_twice", 1),
	      "producer's exports by name");
	idx = find_section(&e, ".text", &s);
	CHECK(idx > 0 && elf_mem_idx(&e, (uint32_t)idx) == MODEL_MEM_TEXT, ".text is TEXT");
	idx = find_section(&e, ".symtab", &s);
	CHECK(idx > 0 && elf_mem_idx(&e, (uint32_t)idx) == MODEL_MEM_SYMTAB, ".symtab");
	idx = find_section(&e, ".strtab", &s);
	CHECK(idx > 0 && elf_mem_idx(&e, (uint32_t)idx) == MODEL_MEM_STRTAB, ".strtab");
	CHECK(elf_mem_idx(&e, e.shstrndx) == MODEL_MEM_SHSTRTAB, ".shstrtab");
	idx = find_section(&e, is64 ? ".rela.text" : ".rel.text", &s);
	CHECK(idx < 0 || elf_mem_idx(&e, (uint32_t)idx) == MODEL_MEM_COUNT, "relocations unmapped");
	CHECK(e.shoff + (uint64_t)e.shnum * e.shentsize == len,
	      "section headers end the file (truncation test relies on it)");
	walk_all(&e);

	img = test_image_from(dir, "consumer", is64 ? "consumer" : "consumer32", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "consumer parses");
	CHECK_EQ(e.exp_cnt, 1, "consumer exports 1");
	CHECK_EQ(e.imp_cnt, 2, "consumer imports 2");
	CHECK(has_symbol(&e, "producer_value", 0) && has_symbol(&e, "producer_twice", 0),
	      "consumer's imports by name");
	CHECK(e.data_sect < 0 || e.data_size < 4, "consumer has no counter .data");

	img = test_image_from(dir, "counter", is64 ? "counter" : "counter32", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "counter parses");
	CHECK(e.data_sect > 0 && e.data_size == 4, ".data found (%lld bytes)",
	      (long long)e.data_size);
	CHECK(img[e.data_off] == 100 && img[e.data_off + 1] == 0, "initial value 100 in .data");
	CHECK(elf_mem_idx(&e, (uint32_t)e.data_sect) == MODEL_MEM_DATA, ".data is DATA");
	CHECK(has_symbol(&e, "counter_next", 1), "counter_next exported");
	CHECK(!has_symbol(&e, "counter_state", 1), "static state not exported");
	idx = find_section(&e, ".bss", &s);
	CHECK(idx < 0 || elf_mem_idx(&e, (uint32_t)idx) == MODEL_MEM_BSS, ".bss is BSS");

	img = test_image_from(dir, "noexp", is64 ? "noexp" : "noexp32", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "noexp parses");
	CHECK_EQ(e.exp_cnt, 0, "hidden global is not exported");
	CHECK_EQ(e.imp_cnt, 0, "noexp imports nothing");

	img = test_image_from(dir, "chain8", is64 ? "chain8" : "chain832", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "chain8 parses");
	CHECK_EQ(e.imp_cnt, 8, "chain8 imports 8");
	CHECK_EQ(e.exp_cnt, 1, "chain8 exports 1");

	img = test_image_from(dir, "chain5", is64 ? "chain5" : "chain532", &len);
	CHECK_EQ(elf_parse(img, len, &e), 0, "chain5 parses");
	CHECK(has_symbol(&e, "chain5_fn", 1), "chain5_fn exported");
}

static void check_truncation(const char *name)
{
	size_t len, n;
	uint8_t *img = test_image(name, &len);

	for (n = 0; n < len; n++) {
		uint8_t *cut = exact_copy(img, n);
		struct elf_info e;

		CHECK_EQ(elf_parse(cut, n, &e), -HIL_ENOEXEC, "truncated image rejected");
		free(cut);
	}
}

static void check_corruption(const char *dir, const char *file, const char *name)
{
	static const uint8_t flips[] = { 0x01, 0x80, 0xFF };
	size_t len, i, f;
	uint8_t *img = test_image_from(dir, file, name, &len);
	uint8_t *bad = exact_copy(img, len);
	uint32_t seed = 99, round;
	unsigned accepted = 0, rejected = 0;

	/* every single byte, three ways */
	for (i = 0; i < len; i++) {
		for (f = 0; f < sizeof(flips); f++) {
			struct elf_info e;
			int rc;

			bad[i] ^= flips[f];
			rc = elf_parse(bad, len, &e);
			CHECK(rc == 0 || rc == -HIL_ENOEXEC, "rc %d", rc);
			if (rc == 0) {
				walk_all(&e);
				accepted++;
			} else {
				rejected++;
			}
			bad[i] = img[i];
		}
	}
	/* bursts of random bytes */
	for (round = 0; round < 3000; round++) {
		struct elf_info e;
		int k, rc;

		memcpy(bad, img, len);
		for (k = 0; k < 6; k++) {
			seed = seed * 1664525u + 1013904223u;
			bad[(seed >> 8) % len] = (uint8_t)(seed >> 24);
		}
		rc = elf_parse(bad, len, &e);
		CHECK(rc == 0 || rc == -HIL_ENOEXEC, "rc %d", rc);
		if (rc == 0) {
			walk_all(&e);
		}
	}
	CHECK(accepted > 0 && rejected > 0, "both outcomes happen (%u/%u)", accepted, rejected);
	free(bad);
}

static void check_specific_rejections(void)
{
	size_t len;
	uint8_t *img = test_image("producer", &len);
	uint8_t *bad = exact_copy(img, len);
	struct elf_info e;
	uint64_t shoff;

	CHECK_EQ(elf_parse(NULL, 0, &e), -HIL_ENOEXEC, "NULL");
	bad[16] = 2;   /* ET_EXEC */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "not ET_REL");
	memcpy(bad, img, len);
	bad[5] = 2;    /* big-endian */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "big-endian");
	memcpy(bad, img, len);
	bad[4] = 3;    /* bad class */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "bad class");
	memcpy(bad, img, len);
	memset(bad + 40, 0xFF, 8);   /* e_shoff far away */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "e_shoff out of range");
	memcpy(bad, img, len);
	bad[60] = bad[61] = 0;   /* e_shnum 0: extended numbering */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "e_shnum 0");
	memcpy(bad, img, len);
	bad[62] = 0xFF;
	bad[63] = 0xFF;   /* e_shstrndx out of range */
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "e_shstrndx");

	/* a section whose size runs past the end */
	memcpy(bad, img, len);
	CHECK_EQ(elf_parse(bad, len, &e), 0, "pristine copy");
	shoff = e.shoff + 1u * 64u;   /* section 1 header */
	memset(bad + shoff + 32, 0x7F, 8);
	CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "section size past the end");

	/* the symbol string table without its final NUL */
	memcpy(bad, img, len);
	CHECK_EQ(elf_parse(bad, len, &e), 0, "pristine copy");
	{
		struct elf_section st;

		elf_section(&e, e.strtab, &st);
		bad[st.offset + st.size - 1] = 'x';
		CHECK_EQ(elf_parse(bad, len, &e), -HIL_ENOEXEC, "unterminated strtab");
	}
	free(bad);

	/* the backend rejects the same input before allocating anything */
	{
		const struct hil_backend *be = test_boot(MODEL_PROFILE_UPSTREAM, 8192);
		uint8_t *cut = exact_copy(img, len / 2);

		CHECK_EQ(be->load("half", cut, len / 2), -HIL_ENOEXEC, "backend: truncated");
		CHECK_EQ(be->alloc_calls(), 0, "no allocation for malformed input");
		CHECK_EQ(test_list_count(), 0, "nothing loaded");
		free(cut);
	}
}

int main(void)
{
	check_samples(MODEL_EXT_HOST_DIR, 1);
	if (MODEL_EXT_ARM_DIR[0]) {
		check_samples(MODEL_EXT_ARM_DIR, 0);
		check_corruption(MODEL_EXT_ARM_DIR, "consumer", "consumer32");
	} else {
		printf("model_elf: no arm-none-eabi-gcc at configure time: ELF32 samples NOT tested\n");
	}
	check_truncation("producer");
	check_truncation("counter");
	check_corruption(NULL, "consumer", "consumer");
	check_corruption(NULL, "counter", "counter");
	check_specific_rejections();
	test_done("model_elf");
	return 0;
}
