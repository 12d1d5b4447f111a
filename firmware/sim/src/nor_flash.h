/*
 * A NOR flash device emulated in a host file: the file is the flash, byte for byte.
 * Erase sets whole erase blocks to 0xFF; programming can only clear bits (new = old AND data),
 * at write-block aligned offsets; the size is fixed when the file is created.
 * It persists across resets of the simulated board, like flash does.
 */
#ifndef SIM_NOR_FLASH_H
#define SIM_NOR_FLASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nor_flash {
	int fd;
	uint32_t size;
	uint32_t erase_block;
	uint32_t write_block;
	uint32_t reads, writes, erases; /* operation counts, for tests and curiosity */
};

/* Opens `path`, creating it 0xFF-filled with `size` bytes when missing or empty. An existing
 * file keeps its size, which must equal `size` when `size_required`.
 * Returns 0, or -1 with a one-line reason in `why` (naming the file and the fix). */
int nor_open(struct nor_flash *f, const char *path, uint32_t size, bool size_required,
	     uint32_t erase_block, uint32_t write_block, char *why, size_t why_len);
void nor_close(struct nor_flash *f);

/* Each returns 0, -HIL_EINVAL for an out-of-range or misaligned request, -HIL_EIO when the
 * host file fails. */
int nor_read(struct nor_flash *f, uint32_t off, void *dst, size_t len);
int nor_program(struct nor_flash *f, uint32_t off, const void *src, size_t len);
int nor_erase(struct nor_flash *f, uint32_t off, size_t len);

#endif
