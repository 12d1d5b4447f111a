/* The model heap: statistics, alignment, 0-byte requests, fault injection, heap checks. */
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
	CHECK(a[0] == 0 && a[9] == 0, "freed memory is poisoned with zeros");
	CHECK_EQ(heap_verify(), 0, "heap consistent");
	heap_free(NULL);
	CHECK_EQ(fatal_log.count, 0, "free(NULL) is fine");
	heap_free(b);
	CHECK_EQ(heap_verify(), 0, "heap consistent after merging");
	CHECK(heap_alloc(4096 - 16, HEAP_TAG_TEST) != NULL, "all chunks merged back into one");
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
	heap_free(b + 8);
	CHECK_EQ(fatal_log.count, 3, "free of a pointer inside a live block is caught");
	heap_stats(&after);
	CHECK(memcmp(&before, &after, sizeof(before)) == 0, "caught frees change nothing");
	CHECK_EQ(heap_verify(), 0, "heap still consistent");

	saved = b[-16];
	b[-16] ^= 0xFF;   /* clobber b's header canary, as an overflow of `a` would */
	heap_free(b);
	CHECK_EQ(fatal_log.count, 4, "corrupted canary is caught");
	CHECK(strcmp(fatal_log.message, "corrupted heap bounds (buffer overflow?)") == 0,
	      "message: %s", fatal_log.message);
	CHECK(heap_verify() != 0, "verify sees the corruption");
	b[-16] = saved;
	heap_free(b);
	CHECK_EQ(fatal_log.count, 4, "repaired header frees normally");
	CHECK_EQ(heap_verify(), 0, "consistent after repair");

	{
		struct model_events ev;

		model_events(&ev);
		CHECK_EQ(ev.heap_asserts, 4, "events: asserts");
		CHECK_EQ(ev.double_frees, 1, "events: double frees");
		CHECK_EQ(ev.invalid_frees, 2, "events: invalid frees");
		CHECK_EQ(ev.corruptions, 1, "events: corruptions");
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
	test_fault_injection();
	test_random_against_shadow();
	test_done("model_heap");
	return 0;
}
