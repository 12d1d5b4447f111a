/*
 * Flash access for the context store, through a counting wrapper that implements
 * `fault flash n`: while a save is in progress and armed, the n-th write or erase-block
 * operation is performed only half way (first half of the bytes programmed, first half of
 * the erase block erased) and then the port cuts the power.
 */
#ifndef HIL_FLASH_OPS_H
#define HIL_FLASH_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "hil/config.h"

#if HIL_TEST_COMMANDS
void hil_flash_fault_arm(uint32_t n);    /* 0 disarms */
uint32_t hil_flash_fault_armed(void);
void hil_flash_save_begin(void);         /* start counting operations of one save */
void hil_flash_save_end(void);           /* stop counting; the fault is consumed */
#else
/* Without the test commands nothing arms a fault: no counting, the operations go straight
 * to the port. */
static inline void hil_flash_fault_arm(uint32_t n) { (void)n; }
static inline void hil_flash_save_begin(void) {}
static inline void hil_flash_save_end(void) {}
#endif

int hil_flash_read(uint32_t off, void *dst, size_t len);
/* One operation. off/len multiples of the write block. */
int hil_flash_write(uint32_t off, const void *src, size_t len);
/* One operation per erase block in [off, off+len). */
int hil_flash_erase(uint32_t off, size_t len);

#endif /* HIL_FLASH_OPS_H */
