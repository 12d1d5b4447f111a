/*
 * The storage partition: 64 KiB of QEMU's PSRAM (0x21000000), outside every segment of the
 * ELF, so QEMU's reset (QMP system_reset or the guest's SYSRESETREQ), which re-writes only the
 * loaded segments, leaves it alone, as a reset leaves a board's flash alone.
 *
 * NOR semantics in software, as the HIL core expects of flash: erase sets whole blocks to
 * 0xFF, programming can only clear bits (1 -> 0), offsets and lengths must be multiples of
 * the erase/write block.
 */
#ifndef QC_STORAGE_H
#define QC_STORAGE_H

#include <stddef.h>
#include <stdint.h>

#define STORAGE_SIZE        65536u
#define STORAGE_ERASE_BLOCK 4096u
#define STORAGE_WRITE_BLOCK 8u

/* Once per boot. QEMU starts with PSRAM full of zeros, which a NOR flash never holds: the
 * first boot of a QEMU process erases the whole partition (a "factory-fresh" flash) and
 * stamps a marker next to it, so later boots keep what is there. */
void storage_boot(void);

/* 0 or -HIL_EINVAL (out of range or misaligned). */
int storage_read(uint32_t off, void *dst, size_t len);
int storage_program(uint32_t off, const void *src, size_t len);
int storage_erase(uint32_t off, size_t len);

#endif
