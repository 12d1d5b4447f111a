/*
 * The LLEXT heap of the model, laid out by Zephyr's sys_heap rules (lib/heap/heap.h and heap.c
 * of the pinned release; docs/model.md "The heap") so that the allocation that fails for a given
 * heap size, and the bytes a freed block holds afterwards, are those of a Zephyr board:
 *
 *   - 8-byte chunk units; a chunk header of LEFT_SIZE and SIZE_AND_USED (bit 0 = used), then,
 *     in a free chunk, FREE_PREV and FREE_NEXT: 16-bit fields in a small heap (4-byte header),
 *     32-bit in a big one (8-byte header; every heap on a 64-bit host, or > 0x7fff units);
 *   - chunk 0 holds the heap's own struct and bucket heads, the end marker is a used 0-size
 *     chunk; free chunks sit in circular per-bucket lists (bucket = log2 of the size above the
 *     minimum), new ones inserted before the head;
 *   - allocation tries three chunks of its own bucket, then the head of the smallest larger
 *     non-empty bucket, and splits off the rest; free merges right, then left, then lists.
 *
 * The model's own bookkeeping (requested size, owner tag) lives in a side table, not in the
 * buffer, so freed memory holds exactly what sys_heap leaves there (the upstream restore error
 * path reads it). Zephyr's two sys_heap_free() assertions are checked before anything is
 * written, and a pointer outside the buffer is reported the same way instead of being read.
 */
#include "heap.h"

#include <string.h>

#define UNIT             8u
#define ALLOC_LOOPS      3
#define Z_HEAP_STRUCT    16u     /* chunk0_hdr[2], end_chunk, avail_buckets */
#define BUCKET_BYTES     4u
#define MAX_BUCKETS      32
#define MAX_BLOCKS       512     /* live blocks the side table tracks */

enum field { LEFT_SIZE, SIZE_AND_USED, FREE_PREV, FREE_NEXT };

struct block_info {
	uint32_t chunk;         /* 0 = slot free (chunk 0 is never a block) */
	uint32_t req;
	uint32_t tag;
};

static struct {
	uint8_t *base;          /* 8-aligned start of chunk 0, NULL when the buffer is too small */
	uint32_t end_chunk;
	int big;
	uint32_t avail;
	uint32_t bucket[MAX_BUCKETS];
	uint32_t size;          /* as configured: reported as heap.size */
	uint32_t used, max_used, allocs;
	uint32_t calls, fault_left;
	struct block_info blocks[MAX_BLOCKS];
	model_fatal_fn fatal;
	struct model_events ev;
} heap;

/* ---- the chunk arithmetic ------------------------------------------------------------ */

static int is_big(size_t units)
{
	return sizeof(void *) > 4u || units > 0x7fffu;
}

static uint32_t hdr_bytes(void)
{
	return heap.big ? 8u : 4u;
}

static uint32_t units_for(size_t bytes)
{
	size_t u = bytes / UNIT + (bytes % UNIT + hdr_bytes() + UNIT - 1u) / UNIT;

	return u > heap.end_chunk ? heap.end_chunk : (uint32_t)u;
}

static uint32_t min_chunk(void)
{
	return (hdr_bytes() + 1u + UNIT - 1u) / UNIT;
}

static int log2_floor(uint32_t v)
{
	int b = -1;

	while (v) {
		v >>= 1;
		b++;
	}
	return b;
}

static int bucket_of(uint32_t units)
{
	return log2_floor(units - min_chunk() + 1u);
}

static uint32_t field(uint32_t c, enum field f)
{
	uint8_t *p = heap.base + (size_t)c * UNIT;

	if (heap.big) {
		uint32_t v;

		memcpy(&v, p + 4u * f, 4);
		return v;
	} else {
		uint16_t v;

		memcpy(&v, p + 2u * f, 2);
		return v;
	}
}

static void set_field(uint32_t c, enum field f, uint32_t v)
{
	uint8_t *p = heap.base + (size_t)c * UNIT;

	if (heap.big) {
		memcpy(p + 4u * f, &v, 4);
	} else {
		uint16_t s = (uint16_t)v;

		memcpy(p + 2u * f, &s, 2);
	}
}

static uint32_t csize(uint32_t c)
{
	return field(c, SIZE_AND_USED) >> 1;
}

static int cused(uint32_t c)
{
	return (int)(field(c, SIZE_AND_USED) & 1u);
}

static void set_size(uint32_t c, uint32_t units)
{
	set_field(c, SIZE_AND_USED, units << 1);
}

static void set_used(uint32_t c, int used)
{
	uint32_t v = field(c, SIZE_AND_USED);

	set_field(c, SIZE_AND_USED, used ? (v | 1u) : (v & ~1u));
}

static uint32_t right_of(uint32_t c)
{
	return c + csize(c);
}

static uint32_t left_of(uint32_t c)
{
	return c - field(c, LEFT_SIZE);
}

static int unlisted(uint32_t c)
{
	return heap.big && csize(c) < min_chunk();
}

/* ---- free lists ------------------------------------------------------------------------ */

static void list_remove_in(uint32_t c, int b)
{
	if (field(c, FREE_NEXT) == c) {
		heap.avail &= ~(1u << b);
		heap.bucket[b] = 0;
	} else {
		uint32_t first = field(c, FREE_PREV), second = field(c, FREE_NEXT);

		heap.bucket[b] = second;
		set_field(first, FREE_NEXT, second);
		set_field(second, FREE_PREV, first);
	}
}

static void list_remove(uint32_t c)
{
	if (!unlisted(c)) {
		list_remove_in(c, bucket_of(csize(c)));
	}
}

static void list_add(uint32_t c)
{
	int b;

	if (unlisted(c)) {
		return;
	}
	b = bucket_of(csize(c));
	if (heap.bucket[b] == 0) {
		heap.avail |= 1u << b;
		heap.bucket[b] = c;
		set_field(c, FREE_PREV, c);
		set_field(c, FREE_NEXT, c);
	} else {
		uint32_t second = heap.bucket[b], first = field(second, FREE_PREV);

		set_field(c, FREE_PREV, first);
		set_field(c, FREE_NEXT, second);
		set_field(first, FREE_NEXT, c);
		set_field(second, FREE_PREV, c);
	}
}

static void split(uint32_t lc, uint32_t rc)
{
	uint32_t total = csize(lc), lsz = rc - lc;

	set_size(lc, lsz);
	set_size(rc, total - lsz);
	set_field(rc, LEFT_SIZE, lsz);
	set_field(right_of(rc), LEFT_SIZE, total - lsz);
}

static void merge(uint32_t lc, uint32_t rc)
{
	uint32_t sz = csize(lc) + csize(rc);

	set_size(lc, sz);
	set_field(right_of(rc), LEFT_SIZE, sz);
}

static uint32_t find_chunk(uint32_t units)
{
	int b = bucket_of(units);
	uint32_t mask;

	if (heap.bucket[b] != 0) {
		uint32_t first = heap.bucket[b];
		int tries = ALLOC_LOOPS;

		do {
			uint32_t c = heap.bucket[b];

			if (csize(c) >= units) {
				list_remove_in(c, b);
				return c;
			}
			heap.bucket[b] = field(c, FREE_NEXT);
		} while (--tries && heap.bucket[b] != first);
	}
	mask = b + 1 >= 32 ? 0u : heap.avail & ~((1u << (b + 1)) - 1u);
	if (mask != 0u) {
		int min = 0;
		uint32_t c;

		while (!(mask & (1u << min))) {
			min++;
		}
		c = heap.bucket[min];
		list_remove_in(c, min);
		return c;
	}
	return 0;
}

/* ---- side table -------------------------------------------------------------------------- */

static struct block_info *info_of(uint32_t chunk)
{
	unsigned int i;

	for (i = 0; i < MAX_BLOCKS; i++) {
		if (heap.blocks[i].chunk == chunk && chunk != 0) {
			return &heap.blocks[i];
		}
	}
	return NULL;
}

/* The chunk whose payload is exactly `mem`, or 0. */
static uint32_t chunk_of(const void *mem)
{
	uintptr_t p = (uintptr_t)mem, b = (uintptr_t)heap.base;

	if (heap.base == NULL || p < b + hdr_bytes() || p >= b + (uintptr_t)heap.end_chunk * UNIT) {
		return 0;
	}
	if ((p - b - hdr_bytes()) % UNIT) {
		return 0;
	}
	return (uint32_t)((p - b - hdr_bytes()) / UNIT);
}

/* ---- the API ------------------------------------------------------------------------------ */

void heap_init(void *mem, size_t size, model_fatal_fn fatal)
{
	uintptr_t start = (uintptr_t)mem, addr, end;
	size_t footer;
	uint32_t units, chunk0;
	int nb;

	memset(&heap, 0, sizeof(heap));
	heap.fatal = fatal;
	heap.size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	if (size > 0x7FFFFFF8u) {
		size = 0x7FFFFFF8u;
	}
	footer = is_big(size / UNIT) ? 8u : 4u;
	if (mem == NULL || size <= footer + UNIT) {
		return;   /* too small: every allocation fails */
	}
	addr = (start + UNIT - 1u) & ~(uintptr_t)(UNIT - 1u);
	end = (start + size - footer) & ~(uintptr_t)(UNIT - 1u);
	if (end <= addr) {
		return;
	}
	units = (uint32_t)((end - addr) / UNIT);
	heap.big = is_big(units);
	heap.end_chunk = units;
	if (units < min_chunk()) {
		return;
	}
	nb = bucket_of(units) + 1;
	chunk0 = (Z_HEAP_STRUCT + (uint32_t)nb * BUCKET_BYTES + UNIT - 1u) / UNIT;
	if (chunk0 + min_chunk() > units) {
		return;
	}
	heap.base = (uint8_t *)addr;
	memset(heap.base, 0, (size_t)units * UNIT + hdr_bytes());
	set_size(0, chunk0);
	set_field(0, LEFT_SIZE, 0);
	set_used(0, 1);
	set_size(chunk0, units - chunk0);
	set_field(chunk0, LEFT_SIZE, chunk0);
	set_size(units, 0);
	set_field(units, LEFT_SIZE, units - chunk0);
	set_used(units, 1);
	list_add(chunk0);
}

void *heap_alloc(size_t bytes, enum heap_tag tag)
{
	struct block_info *slot;
	uint32_t units, c;

	heap.calls++;
	if (heap.fault_left) {
		if (--heap.fault_left == 0) {
			return NULL;
		}
	}
	if (bytes == 0 || heap.base == NULL) {
		return NULL;
	}
	slot = NULL;
	for (c = 0; c < MAX_BLOCKS && slot == NULL; c++) {
		if (heap.blocks[c].chunk == 0) {
			slot = &heap.blocks[c];
		}
	}
	if (slot == NULL) {
		return NULL;   /* the side table is full: far beyond what the firmware's limits allow */
	}
	units = units_for(bytes);
	c = find_chunk(units);
	if (c == 0) {
		return NULL;
	}
	if (csize(c) > units) {
		split(c, c + units);
		list_add(c + units);
	}
	set_used(c, 1);
	slot->chunk = c;
	slot->req = (uint32_t)bytes;
	slot->tag = (uint32_t)tag;
	heap.used += (uint32_t)bytes;
	heap.allocs++;
	if (heap.used > heap.max_used) {
		heap.max_used = heap.used;
	}
	return heap.base + (size_t)c * UNIT + hdr_bytes();
}

static void report(const char *expr, unsigned int line, const char *msg, const void *mem)
{
	struct model_assert_info info = { expr, "model/heap.c", line, msg, mem };

	heap.ev.heap_asserts++;
	heap.fatal(&info);
}

void heap_report_assert(const char *expr, unsigned int line, const char *msg, const void *ptr)
{
	struct model_assert_info info = { expr, "model/llext_list.c", line, msg, ptr };

	heap.ev.other_asserts++;
	heap.fatal(&info);
}

void heap_free(void *mem)
{
	uintptr_t p = (uintptr_t)mem, b = (uintptr_t)heap.base;
	struct block_info *bi;
	uint32_t c, r;

	if (mem == NULL) {
		return;
	}
	if (heap.base == NULL || p < b + hdr_bytes() || p >= b + (uintptr_t)heap.end_chunk * UNIT) {
		/* A board would read a header wherever this points; the model does not. */
		heap.ev.invalid_frees++;
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	}
	c = (uint32_t)((p - b - hdr_bytes()) / UNIT);   /* mem_to_chunkid(): rounds down */
	bi = info_of(c);
	if (!cused(c)) {
		/* counted as a double free when the bytes before `mem` still hold a chunk size
		 * (a header was there: a freed block), else as a wild pointer */
		if (bi == NULL && chunk_of(mem) != 0 && csize(c) != 0) {
			heap.ev.double_frees++;
		} else {
			heap.ev.invalid_frees++;
		}
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	}
	r = right_of(c);
	if (r <= c || r > heap.end_chunk || left_of(r) != c) {
		heap.ev.corruptions++;
		report("left_chunk(h, right_chunk(h, c)) == c", __LINE__,
		       "corrupted heap bounds (buffer overflow?)", mem);
		return;
	}
	if (bi == NULL || chunk_of(mem) != c) {
		/* sys_heap would free it (the bytes before it read as a used header); the model's
		 * bookkeeping cannot follow, so it is reported as the invalid free it is. */
		heap.ev.invalid_frees++;
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	}
	heap.used -= bi->req;
	heap.allocs--;
	bi->chunk = 0;
	set_used(c, 0);
	if (!cused(right_of(c))) {
		list_remove(right_of(c));
		merge(c, right_of(c));
	}
	if (!cused(left_of(c))) {
		uint32_t l = left_of(c);

		list_remove(l);
		merge(l, c);
		c = l;
	}
	list_add(c);
}

size_t heap_block_size(const void *mem)
{
	uint32_t c = chunk_of(mem);
	struct block_info *bi = c ? info_of(c) : NULL;

	return bi ? bi->req : 0;
}

uint32_t heap_block_tag(const void *mem)
{
	uint32_t c = chunk_of(mem);
	struct block_info *bi = c ? info_of(c) : NULL;

	return bi ? bi->tag : 0;
}

uint32_t heap_block_units(const void *mem)
{
	uint32_t c = chunk_of(mem);

	return c && info_of(c) ? csize(c) : 0;
}

uint32_t heap_header_bytes(void)
{
	return heap.base ? hdr_bytes() : 0;
}

void heap_stats(struct hil_heap_stats *out)
{
	out->size = heap.size;
	out->used = heap.used;
	out->free = heap.size - heap.used;
	out->max_used = heap.max_used;
	out->allocs = heap.allocs;
}

void heap_fault_arm(uint32_t k)
{
	heap.fault_left = k;
}

uint32_t heap_fault_armed(void)
{
	return heap.fault_left;
}

uint32_t heap_alloc_calls(void)
{
	return heap.calls;
}

int heap_verify(void)
{
	uint32_t c, used = 0, allocs = 0;
	int prev_free = 0;

	if (heap.base == NULL) {
		return heap.used == 0 && heap.allocs == 0 ? 0 : -1;
	}
	for (c = right_of(0); c < heap.end_chunk; c = right_of(c)) {
		uint32_t r = right_of(c);

		if (r <= c || r > heap.end_chunk || left_of(r) != c) {
			return -1;
		}
		if (cused(c)) {
			struct block_info *bi = info_of(c);

			if (bi == NULL) {
				return -1;
			}
			used += bi->req;
			allocs++;
		} else if (prev_free) {
			return -1;   /* two adjacent free chunks: a merge was missed */
		}
		prev_free = !cused(c);
	}
	return (c == heap.end_chunk && used == heap.used && allocs == heap.allocs) ? 0 : -1;
}

void heap_events(struct model_events *ev)
{
	ev->heap_asserts = heap.ev.heap_asserts;
	ev->double_frees = heap.ev.double_frees;
	ev->invalid_frees = heap.ev.invalid_frees;
	ev->corruptions = heap.ev.corruptions;
	ev->other_asserts = heap.ev.other_asserts;
}
