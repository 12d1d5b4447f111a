/* Internal interfaces between the three files of the Zephyr glue (docs/zephyr.md). */
#ifndef LLEXT_HIL_GLUE_H
#define LLEXT_HIL_GLUE_H

#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"

/* heap_wrap.c: LLEXT heap accounting and allocation-fault injection. */
void hil_zheap_stats(struct hil_heap_stats *out);
uint32_t hil_zheap_block_size(const void *ptr);  /* requested size of a live block, 0 if none */
void hil_zheap_fault_arm(uint32_t k);
uint32_t hil_zheap_fault_armed(void);
uint32_t hil_zheap_alloc_calls(void);

/* backend.c */
const struct hil_backend *hil_zephyr_backend(void);

#endif /* LLEXT_HIL_GLUE_H */
