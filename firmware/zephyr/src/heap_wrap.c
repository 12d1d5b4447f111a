/*
 * LLEXT heap accounting through the linker's --wrap (zephyr/module.cmake).
 *
 * Every LLEXT allocation ends in k_heap_alloc / k_heap_aligned_alloc on the LLEXT k_heap
 * and every free in k_heap_free (subsys/llext/llext_priv.h of the pinned release). The
 * wrappers below look only at calls on that heap (pointer comparison) and pass everything
 * else through untouched. They keep a small table ptr -> requested size, so `used` is the
 * sum of the requested sizes of live blocks (what the Java twin predicts), and they make
 * the k-th allocation call fail for `fault alloc k`.
 */
#include <zephyr/kernel.h>
#include <zephyr/spinlock.h>

#include "glue.h"

#ifndef LLEXT_HIL_HEAP_SYM
#error "LLEXT_HIL_HEAP_SYM must name the LLEXT k_heap (set by zephyr/module.cmake)"
#endif

extern struct k_heap LLEXT_HIL_HEAP_SYM;

void *__real_k_heap_alloc(struct k_heap *h, size_t bytes, k_timeout_t timeout);
void *__real_k_heap_aligned_alloc(struct k_heap *h, size_t align, size_t bytes,
				  k_timeout_t timeout);
void __real_k_heap_free(struct k_heap *h, void *mem);

struct tracked_block {
	void *ptr;
	uint32_t size;
};

static struct tracked_block blocks[CONFIG_LLEXT_HIL_HEAP_TRACK_MAX];
static struct k_spinlock lock;
static uint32_t used, max_used, live, alloc_calls, fault_countdown;

static bool is_llext_heap(const struct k_heap *h)
{
	return h == &LLEXT_HIL_HEAP_SYM;
}

/* One allocation call on the LLEXT heap: true when the armed fault fires on it. */
static bool count_call_and_check_fault(void)
{
	k_spinlock_key_t key = k_spin_lock(&lock);
	bool fail = false;

	alloc_calls++;
	if (fault_countdown != 0U) {
		fault_countdown--;
		fail = (fault_countdown == 0U);
	}
	k_spin_unlock(&lock, key);
	return fail;
}

static void track_add(void *ptr, size_t bytes)
{
	k_spinlock_key_t key;
	size_t i;

	if (ptr == NULL) {
		return;
	}
	key = k_spin_lock(&lock);
	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		if (blocks[i].ptr == NULL) {
			blocks[i].ptr = ptr;
			blocks[i].size = (uint32_t)bytes;
			break;
		}
	}
	/* Table full: the block is not counted in `used` (raise LLEXT_HIL_HEAP_TRACK_MAX). */
	if (i < ARRAY_SIZE(blocks)) {
		used += (uint32_t)bytes;
		live++;
		if (used > max_used) {
			max_used = used;
		}
	}
	k_spin_unlock(&lock, key);
}

static void track_remove(const void *ptr)
{
	k_spinlock_key_t key;
	size_t i;

	if (ptr == NULL) {
		return;
	}
	key = k_spin_lock(&lock);
	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		if (blocks[i].ptr == ptr) {
			used -= blocks[i].size;
			live--;
			blocks[i].ptr = NULL;
			blocks[i].size = 0;
			break;
		}
	}
	/* Not found: a block the table had no room for, or a double free, which the real
	 * k_heap_free below reports (CONFIG_ASSERT halts the board: the host sees the crash). */
	k_spin_unlock(&lock, key);
}

void *__wrap_k_heap_alloc(struct k_heap *h, size_t bytes, k_timeout_t timeout)
{
	void *ptr;

	if (!is_llext_heap(h)) {
		return __real_k_heap_alloc(h, bytes, timeout);
	}
	if (count_call_and_check_fault()) {
		return NULL;
	}
	ptr = __real_k_heap_alloc(h, bytes, timeout);
	track_add(ptr, bytes);
	return ptr;
}

void *__wrap_k_heap_aligned_alloc(struct k_heap *h, size_t align, size_t bytes,
				  k_timeout_t timeout)
{
	void *ptr;

	if (!is_llext_heap(h)) {
		return __real_k_heap_aligned_alloc(h, align, bytes, timeout);
	}
	if (count_call_and_check_fault()) {
		return NULL;
	}
	ptr = __real_k_heap_aligned_alloc(h, align, bytes, timeout);
	track_add(ptr, bytes);
	return ptr;
}

void __wrap_k_heap_free(struct k_heap *h, void *mem)
{
	if (is_llext_heap(h)) {
		track_remove(mem);
	}
	__real_k_heap_free(h, mem);
}

void hil_zheap_stats(struct hil_heap_stats *out)
{
	k_spinlock_key_t key = k_spin_lock(&lock);

	out->size = (uint32_t)CONFIG_LLEXT_HEAP_SIZE * 1024U;
	out->used = used;
	out->free = out->size - used;
	out->max_used = max_used;
	out->allocs = live;
	k_spin_unlock(&lock, key);
}

uint32_t hil_zheap_block_size(const void *ptr)
{
	k_spinlock_key_t key;
	uint32_t size = 0;
	size_t i;

	if (ptr == NULL) {
		return 0;
	}
	key = k_spin_lock(&lock);
	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		if (blocks[i].ptr == ptr) {
			size = blocks[i].size;
			break;
		}
	}
	k_spin_unlock(&lock, key);
	return size;
}

void hil_zheap_fault_arm(uint32_t k)
{
	k_spinlock_key_t key = k_spin_lock(&lock);

	fault_countdown = k;
	k_spin_unlock(&lock, key);
}

uint32_t hil_zheap_fault_armed(void)
{
	return fault_countdown;
}

uint32_t hil_zheap_alloc_calls(void)
{
	return alloc_calls;
}
