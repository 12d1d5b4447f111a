/* The model heap: statistics, alignment, 0-byte requests, fault injection, heap checks, and
 * Zephyr's sys_heap chunk arithmetic worked out by hand (docs/model.md "The heap"). */
#include <string.h>

#include "heap.h"
#include "test_support.h"

static void test_stats_and_alignment(void)
{
	struct hil_heap_stats s;
	uint8_t *a, *b;

	test_boot(MODEL_PROFILE_UPSTREAM, 4096);
	heap_stats(&s);
	CHECK_EQ(s.size, 4096, "size");
	CHECK_EQ(s.used, 0, "used");
	CHECK_EQ(s.free, 4096, "free");
	CHECK_EQ(s.allocs, 0, "allocs");

	CHECK(heap_alloc(0, HEAP_TAG_TEST) == NULL, "0 bytes must give NULL (sys_heap)");
	CHECK_EQ(heap_alloc_calls(), 1, "a 0-byte request still counts as a call");

	a = heap_alloc(10, HEAP_TAG_TEST);
	b = heap_alloc(24, HEAP_TAG_LOAD_SECT_MAP);
	CHECK(a && b, "two small allocations");
	CHECK(((uintptr_t)a % 8) == 0 && ((uintptr_t)b % 8) == 0, "8-byte alignment");
	CHECK(b >= a + 10 || a >= b + 24, "blocks must not overlap");
	CHECK_EQ(heap_block_size(a), 10, "requested size kept");
	CHECK_EQ(heap_block_tag(b), HEAP_TAG_LOAD_SECT_MAP, "owner tag kept");
	heap_stats(&s);
	CHECK_EQ(s.used, 34, "used = sum of requested sizes");
	CHECK_EQ(s.free, 4096 - 34, "free = size - used");
	CHECK_EQ(s.allocs, 2, "live allocations");
	CHECK_EQ(s.max_used, 34, "max_used");

	memset(a, 0x5A, 10);
	heap_free(a);
	heap_stats(&s);
	CHECK_EQ(s.used, 24, "used after free");
	CHECK_EQ(s.max_used, 34, "max_used is a high-water mark");
	CHECK_EQ(s.allocs, 1, "allocs after free");
	/* 4096 bytes, 4- or 8-byte footer: 511 units; 9 buckets (log2(511 - min + 1) = 8);
	 * chunk 0 = ceil((16 + 9 * 4) / 8) = 7 units, so `a` is chunk 7. Freed alone into its
	 * bucket, its FREE_PREV and FREE_NEXT (header fields 2 and 3, the first payload bytes)
	 * both hold 7; the rest of the payload keeps what was written. */
	if (heap_header_bytes() == 8) {
		uint32_t links[2];

		memcpy(links, a, sizeof(links));
		CHECK(links[0] == 7 && links[1] == 7, "freed: 32-bit links %u %u", links[0], links[1]);
		CHECK(a[8] == 0x5A && a[9] == 0x5A, "freed: bytes after the links keep their value");
	} else {
		uint16_t links[2];

		memcpy(links, a, sizeof(links));
		CHECK(links[0] == 7 && links[1] == 7, "freed: 16-bit links %u %u", links[0], links[1]);
		CHECK(a[4] == 0x5A && a[9] == 0x5A, "freed: bytes after the links keep their value");
	}
	CHECK_EQ(heap_verify(), 0, "heap consistent");
	heap_free(NULL);
	CHECK_EQ(fatal_log.count, 0, "free(NULL) is fine");
	heap_free(b);
	CHECK_EQ(heap_verify(), 0, "heap consistent after merging");
	{
		/* everything merged back: 511 - 7 = 504 units, one header */
		size_t largest = 504u * 8u - heap_header_bytes();
		void *all;

		CHECK(heap_alloc(largest + 1, HEAP_TAG_TEST) == NULL, "one byte more than the free chunk");
		all = heap_alloc(largest, HEAP_TAG_TEST);
		CHECK(all != NULL, "all chunks merged back into one");
		CHECK_EQ(heap_block_units(all), 504, "the whole free chunk");
	}
}

/* Chunk units per request: ceil((bytes + header) / 8); a split leaves the rest listed. */
static void test_chunk_arithmetic(void)
{
	uint32_t h;
	void *p, *q;

	test_boot(MODEL_PROFILE_UPSTREAM, 16384);
	h = heap_header_bytes();
	CHECK(h == (sizeof(void *) > 4 ? 8u : 4u), "header %u bytes: big heap iff 64-bit here", h);
	p = heap_alloc(1, HEAP_TAG_TEST);
	CHECK_EQ(heap_block_units(p), 1 + (h == 8), "1 byte: ceil((1 + h) / 8)");
	q = heap_alloc(208, HEAP_TAG_TEST);
	CHECK_EQ(heap_block_units(q), 27, "208 bytes (struct llext, 32-bit): 27 units either way");
	CHECK_EQ((uint8_t *)q - (uint8_t *)p, (1 + (h == 8)) * 8, "q follows p");
	p = heap_alloc(352, HEAP_TAG_TEST);
	CHECK_EQ(heap_block_units(p), 45, "352 bytes: (352 + h) / 8 rounded up = 45");
	p = heap_alloc(356, HEAP_TAG_TEST);
	CHECK_EQ(heap_block_units(p), h == 8 ? 46 : 45, "356 bytes: 364 / 8 -> 46 or 360 / 8 = 45");
	CHECK_EQ(heap_verify(), 0, "consistent");
}

static void test_heap_checks(void)
{
	struct hil_heap_stats before, after;
	uint8_t *a, *b, saved;
	int on_stack;

	test_boot(MODEL_PROFILE_UPSTREAM, 4096);
	a = heap_alloc(40, HEAP_TAG_TEST);
	b = heap_alloc(40, HEAP_TAG_TEST);
	heap_free(a);
	heap_stats(&before);

	heap_free(a);
	CHECK_EQ(fatal_log.count, 1, "double free reaches the fatal handler");
	CHECK(strcmp(fatal_log.message, "unexpected heap state (double-free?)") == 0,
	      "message: %s", fatal_log.message);
	CHECK(strcmp(fatal_log.expr, "chunk_used(h, c)") == 0, "expr: %s", fatal_log.expr);

	heap_free(&on_stack);
	CHECK_EQ(fatal_log.count, 2, "free of a pointer outside the heap is caught");
	/* b + 8: mem_to_chunkid() gives the unit after b's header, whose "header" is b's first
	 * payload bytes; they still hold the free-list links (13, 13) written while b's chunk was
	 * the listed remainder, read as LEFT_SIZE 13 and SIZE_AND_USED 13 (used, 6 units): the
	 * first assertion passes and the bounds check fails, as sys_heap_free() would. */
	heap_free(b + 8);
	CHECK_EQ(fatal_log.count, 3, "free of a pointer inside a live block is caught");
	CHECK(strcmp(fatal_log.message, "corrupted heap bounds (buffer overflow?)") == 0,
	      "message: %s", fatal_log.message);
	heap_stats(&after);
	CHECK(memcmp(&before, &after, sizeof(before)) == 0, "caught frees change nothing");
	CHECK_EQ(heap_verify(), 0, "heap still consistent");

	/* clobber the size bits of b's SIZE_AND_USED (the used bit stays), as an overflow of
	 * `a` would: the right neighbour's LEFT_SIZE no longer points back */
	saved = b[-(int)heap_header_bytes() / 2];
	b[-(int)heap_header_bytes() / 2] ^= 0xF0;
	heap_free(b);
	CHECK_EQ(fatal_log.count, 4, "corrupted header is caught");
	CHECK(strcmp(fatal_log.message, "corrupted heap bounds (buffer overflow?)") == 0,
	      "message: %s", fatal_log.message);
	CHECK(heap_verify() != 0, "verify sees the corruption");
	b[-(int)heap_header_bytes() / 2] = saved;
	heap_free(b);
	CHECK_EQ(fatal_log.count, 4, "repaired header frees normally");
	CHECK_EQ(heap_verify(), 0, "consistent after repair");

	{
		struct model_events ev;

		model_events(&ev);
		CHECK_EQ(ev.heap_asserts, 4, "events: asserts");
		CHECK_EQ(ev.double_frees, 1, "events: double frees");
		CHECK_EQ(ev.invalid_frees, 1, "events: invalid frees");
		CHECK_EQ(ev.corruptions, 2, "events: corruptions");
	}
}

static void test_fault_injection(void)
{
	void *p[4];

	test_boot(MODEL_PROFILE_UPSTREAM, 4096);
	heap_fault_arm(3);
	CHECK_EQ(heap_fault_armed(), 3, "armed count");
	p[0] = heap_alloc(8, HEAP_TAG_TEST);
	CHECK_EQ(heap_fault_armed(), 2, "armed count decreases per call");
	p[1] = heap_alloc(8, HEAP_TAG_TEST);
	p[2] = heap_alloc(8, HEAP_TAG_TEST);
	p[3] = heap_alloc(8, HEAP_TAG_TEST);
	CHECK(p[0] && p[1] && !p[2] && p[3], "exactly the 3rd call fails");
	CHECK_EQ(heap_fault_armed(), 0, "disarmed after firing");

	heap_fault_arm(1);
	CHECK(heap_alloc(0, HEAP_TAG_TEST) == NULL, "0-byte call");
	CHECK_EQ(heap_fault_armed(), 0, "a 0-byte call consumes the fault");
	CHECK(heap_alloc(8, HEAP_TAG_TEST) != NULL, "next call succeeds");

	heap_fault_arm(2);
	heap_fault_arm(0);
	CHECK(heap_alloc(8, HEAP_TAG_TEST) && heap_alloc(8, HEAP_TAG_TEST), "0 disarms");
	CHECK_EQ(heap_alloc_calls(), 8, "every call counted since boot (4 + 1 + 1 + 2)");
}

/* Random alloc/free against a shadow list: statistics and chunk chain always agree. */
static void test_random_against_shadow(void)
{
	void *live[64] = { NULL };
	size_t sizes[64] = { 0 };
	uint32_t seed = 12345, used = 0, n = 0, i, step;
	struct hil_heap_stats s;

	test_boot(MODEL_PROFILE_UPSTREAM, 8192);
	for (step = 0; step < 5000; step++) {
		seed = seed * 1103515245u + 12345u;
		i = (seed >> 16) % 64;
		if (live[i]) {
			heap_free(live[i]);
			used -= (uint32_t)sizes[i];
			live[i] = NULL;
			n--;
		} else {
			sizes[i] = ((seed >> 8) % 300) + 1;
			live[i] = heap_alloc(sizes[i], HEAP_TAG_TEST);
			if (live[i]) {
				memset(live[i], (int)i, sizes[i]);
				used += (uint32_t)sizes[i];
				n++;
			}
		}
		CHECK_EQ(heap_verify(), 0, "chunk chain consistent");
		heap_stats(&s);
		CHECK_EQ(s.used, used, "used matches the shadow");
		CHECK_EQ(s.allocs, n, "allocs match the shadow");
	}
	for (i = 0; i < 64; i++) {
		if (live[i]) {
			size_t k;

			for (k = 0; k < sizes[i]; k++) {
				CHECK(((uint8_t *)live[i])[k] == (uint8_t)i, "block %u content kept", i);
			}
		}
	}
	CHECK_EQ(fatal_log.count, 0, "no heap asserts in valid use");
}

int main(void)
{
	test_stats_and_alignment();
	test_heap_checks();
	test_chunk_arithmetic();
	test_fault_injection();
	test_random_against_shadow();
	test_done("model_heap");
	return 0;
}
