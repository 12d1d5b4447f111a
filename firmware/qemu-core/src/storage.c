#include "storage.h"

#include <stdbool.h>
#include <string.h>

#include "hil/errno.h"

/* Both live in .hil_storage (qemu_core.ld): PSRAM, not loaded, not zeroed at boot. The
 * partition starts at 0x21000000, the marker follows it. */
static uint8_t flash[STORAGE_SIZE] __attribute__((section(".hil_storage.flash"), aligned(16)));
static volatile uint32_t formatted[2] __attribute__((section(".hil_storage.marker")));

/* Two words no zero-filled RAM holds; bump the second when the partition layout changes. */
#define FORMAT_MAGIC0 0x4C4C4558u
#define FORMAT_MAGIC1 0x4E4F5201u

static bool in_range(uint32_t off, size_t len)
{
	return off <= STORAGE_SIZE && len <= STORAGE_SIZE - off;
}

void storage_boot(void)
{
	if (formatted[0] == FORMAT_MAGIC0 && formatted[1] == FORMAT_MAGIC1) {
		return;
	}
	memset(flash, 0xFF, sizeof(flash));
	formatted[0] = FORMAT_MAGIC0;
	formatted[1] = FORMAT_MAGIC1;
}

int storage_read(uint32_t off, void *dst, size_t len)
{
	if (!in_range(off, len)) {
		return -HIL_EINVAL;
	}
	memcpy(dst, flash + off, len);
	return 0;
}

int storage_program(uint32_t off, const void *src, size_t len)
{
	const uint8_t *s = src;

	if (!in_range(off, len) || off % STORAGE_WRITE_BLOCK != 0 || len % STORAGE_WRITE_BLOCK != 0) {
		return -HIL_EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		flash[off + i] &= s[i]; /* NOR: a program only clears bits */
	}
	return 0;
}

int storage_erase(uint32_t off, size_t len)
{
	if (!in_range(off, len) || off % STORAGE_ERASE_BLOCK != 0 || len % STORAGE_ERASE_BLOCK != 0) {
		return -HIL_EINVAL;
	}
	memset(flash + off, 0xFF, len);
	return 0;
}
