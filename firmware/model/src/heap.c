/*
 * First-fit allocator with a 16-byte header per chunk:
 *
 *   canary (magic ^ offset) | chunk size (header included) | requested size | owner tag
 *
 * Chunks tile the buffer from start to end; a free() is accepted only after walking the
 * chain and finding `mem` at the payload of a live chunk, so a double free, a wild pointer
 * or a clobbered header is reported to the fatal handler *before* any byte is written,
 * like the __ASSERTs in Zephyr's sys_heap_free(). Freed payloads and absorbed headers are
 * poisoned with zeros: the upstream restore error path reads freed arrays (`exp_tab[i]`,
 * `map[i]`), and with zeros it deterministically stops at the first element and then
 * frees the array itself a second time, which the double-free check catches.
 */
#include "heap.h"

#include <string.h>

#define HDR_SIZE      16u
#define ALIGN         8u
#define MAGIC_USED    0xA110C8EDu
#define MAGIC_FREE    0xF4EE0B1Eu
#define POISON        0x00

struct chunk_hdr {
	uint32_t canary;
	uint32_t size;
	uint32_t req;
	uint32_t tag;
};

enum walk_result { WALK_LIVE, WALK_IN_FREE, WALK_INVALID, WALK_CORRUPT };

static struct {
	uint8_t *base;          /* 8-aligned start of the chunk area */
	uint32_t len;           /* chunk area length, multiple of 8 */
	uint32_t size;          /* as configured: reported as heap.size */
	uint32_t used, max_used, allocs;
	uint32_t calls, fault_left;
	model_fatal_fn fatal;
	struct model_events ev;
} heap;

static void hdr_read(uint32_t off, struct chunk_hdr *h)
{
	memcpy(h, heap.base + off, sizeof(*h));
}

static void hdr_write(uint32_t off, uint32_t magic, uint32_t size, uint32_t req, uint32_t tag)
{
	struct chunk_hdr h = { magic ^ off, size, req, tag };

	memcpy(heap.base + off, &h, sizeof(h));
}

/* A header is sane when its canary matches its offset and its size keeps it inside. */
static int hdr_valid(uint32_t off, const struct chunk_hdr *h, int *used)
{
	if (h->size < HDR_SIZE + ALIGN || h->size % ALIGN || h->size > heap.len - off) {
		return 0;
	}
	if (h->canary == (MAGIC_USED ^ off)) {
		*used = 1;
		return h->req > 0 && h->req <= h->size - HDR_SIZE;
	}
	if (h->canary == (MAGIC_FREE ^ off)) {
		*used = 0;
		return 1;
	}
	return 0;
}

static void report(const char *expr, unsigned int line, const char *msg, const void *mem)
{
	struct model_assert_info info = { expr, "model/heap.c", line, msg, mem };

	heap.ev.heap_asserts++;
	heap.fatal(&info);
}

/* Find the chunk whose payload is at `off`; *chunk and *prev get the offsets. */
static enum walk_result walk_to(uint32_t target, uint32_t *chunk, uint32_t *prev)
{
	uint32_t off = 0, last = UINT32_MAX;

	while (off < heap.len) {
		struct chunk_hdr h;
		int used;

		hdr_read(off, &h);
		if (!hdr_valid(off, &h, &used)) {
			return WALK_CORRUPT;
		}
		if (target >= off && target < off + h.size) {
			*chunk = off;
			*prev = last;
			if (target == off + HDR_SIZE) {
				return used ? WALK_LIVE : WALK_IN_FREE;
			}
			return used ? WALK_INVALID : WALK_IN_FREE;
		}
		last = off;
		off += h.size;
	}
	return WALK_INVALID;
}

void heap_init(void *mem, size_t size, model_fatal_fn fatal)
{
	uintptr_t start = (uintptr_t)mem;
	uintptr_t aligned = (start + ALIGN - 1u) & ~(uintptr_t)(ALIGN - 1u);
	size_t lost = (size_t)(aligned - start);

	memset(&heap, 0, sizeof(heap));
	heap.fatal = fatal;
	heap.size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	if (size < lost + HDR_SIZE + ALIGN) {
		return;   /* too small: every allocation fails */
	}
	heap.base = (uint8_t *)mem + lost;
	size -= lost;
	if (size > 0x7FFFFFF8u) {
		size = 0x7FFFFFF8u;
	}
	heap.len = (uint32_t)(size & ~(size_t)(ALIGN - 1u));
	memset(heap.base, POISON, heap.len);
	hdr_write(0, MAGIC_FREE, heap.len, 0, 0);
}

void *heap_alloc(size_t bytes, enum heap_tag tag)
{
	uint32_t need, off = 0;

	heap.calls++;
	if (heap.fault_left) {
		if (--heap.fault_left == 0) {
			return NULL;
		}
	}
	if (bytes == 0 || heap.base == NULL || bytes > heap.len) {
		return NULL;
	}
	need = (uint32_t)((bytes + ALIGN - 1u) & ~(size_t)(ALIGN - 1u)) + HDR_SIZE;

	while (off < heap.len) {
		struct chunk_hdr h;
		int used;

		hdr_read(off, &h);
		if (!hdr_valid(off, &h, &used)) {
			heap.ev.corruptions++;
			report("left_chunk(h, right_chunk(h, c)) == c", __LINE__,
			       "corrupted heap bounds (buffer overflow?)", heap.base + off + HDR_SIZE);
			return NULL;
		}
		if (!used && h.size >= need) {
			if (h.size - need >= HDR_SIZE + ALIGN) {
				hdr_write(off + need, MAGIC_FREE, h.size - need, 0, 0);
				h.size = need;
			}
			hdr_write(off, MAGIC_USED, h.size, (uint32_t)bytes, (uint32_t)tag);
			heap.used += (uint32_t)bytes;
			heap.allocs++;
			if (heap.used > heap.max_used) {
				heap.max_used = heap.used;
			}
			return heap.base + off + HDR_SIZE;
		}
		off += h.size;
	}
	return NULL;
}

/* Mark chunk `off` free and merge it with free neighbours, poisoning what it frees. */
static void release(uint32_t off, uint32_t prev)
{
	struct chunk_hdr h, n;
	int used;

	hdr_read(off, &h);
	memset(heap.base + off + HDR_SIZE, POISON, h.size - HDR_SIZE);
	if (off + h.size < heap.len) {
		hdr_read(off + h.size, &n);
		if (hdr_valid(off + h.size, &n, &used) && !used) {
			memset(heap.base + off + h.size, POISON, HDR_SIZE);
			h.size += n.size;
		}
	}
	if (prev != UINT32_MAX) {
		struct chunk_hdr p;

		hdr_read(prev, &p);
		if (hdr_valid(prev, &p, &used) && !used) {
			memset(heap.base + off, POISON, HDR_SIZE);
			hdr_write(prev, MAGIC_FREE, p.size + h.size, 0, 0);
			return;
		}
	}
	hdr_write(off, MAGIC_FREE, h.size, 0, 0);
}

void heap_free(void *mem)
{
	uintptr_t p = (uintptr_t)mem, b = (uintptr_t)heap.base;
	uint32_t chunk = 0, prev = 0;
	struct chunk_hdr h;

	if (mem == NULL) {
		return;
	}
	if (heap.base == NULL || p < b + HDR_SIZE || p >= b + heap.len || (p - b) % ALIGN) {
		heap.ev.invalid_frees++;
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	}
	switch (walk_to((uint32_t)(p - b), &chunk, &prev)) {
	case WALK_LIVE:
		break;
	case WALK_IN_FREE:
		heap.ev.double_frees++;
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	case WALK_INVALID:
		heap.ev.invalid_frees++;
		report("chunk_used(h, c)", __LINE__, "unexpected heap state (double-free?)", mem);
		return;
	case WALK_CORRUPT:
	default:
		heap.ev.corruptions++;
		report("left_chunk(h, right_chunk(h, c)) == c", __LINE__,
		       "corrupted heap bounds (buffer overflow?)", mem);
		return;
	}
	hdr_read(chunk, &h);
	heap.used -= h.req;
	heap.allocs--;
	release(chunk, prev);
}

static int live_header(const void *mem, struct chunk_hdr *h)
{
	uintptr_t p = (uintptr_t)mem, b = (uintptr_t)heap.base;
	uint32_t chunk, prev;

	if (mem == NULL || heap.base == NULL || p < b + HDR_SIZE || p >= b + heap.len ||
	    (p - b) % ALIGN) {
		return 0;
	}
	if (walk_to((uint32_t)(p - b), &chunk, &prev) != WALK_LIVE) {
		return 0;
	}
	hdr_read(chunk, h);
	return 1;
}

size_t heap_block_size(const void *mem)
{
	struct chunk_hdr h;

	return live_header(mem, &h) ? h.req : 0;
}

uint32_t heap_block_tag(const void *mem)
{
	struct chunk_hdr h;

	return live_header(mem, &h) ? h.tag : 0;
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
	uint32_t off = 0, used = 0, allocs = 0;
	int prev_free = 0;

	if (heap.base == NULL) {
		return heap.used == 0 && heap.allocs == 0 ? 0 : -1;
	}
	while (off < heap.len) {
		struct chunk_hdr h;
		int is_used;

		hdr_read(off, &h);
		if (!hdr_valid(off, &h, &is_used)) {
			return -1;
		}
		if (is_used) {
			used += h.req;
			allocs++;
		} else if (prev_free) {
			return -1;   /* two adjacent free chunks: a merge was missed */
		}
		prev_free = !is_used;
		off += h.size;
	}
	return (off == heap.len && used == heap.used && allocs == heap.allocs) ? 0 : -1;
}

void heap_events(struct model_events *ev)
{
	ev->heap_asserts = heap.ev.heap_asserts;
	ev->double_frees = heap.ev.double_frees;
	ev->invalid_frees = heap.ev.invalid_frees;
	ev->corruptions = heap.ev.corruptions;
}
