/* Bit-at-a-time CRC-32 without a table: the least flash (nibble-at-a-time with its 16-entry
 * table takes 72 bytes more), and still fast enough for uploads at UART speed and for
 * contexts of a few tens of KiB (about 60 cycles a byte on Cortex-M3: 1 ms per KiB at 64 MHz). */
#include "hil/crc32.h"

uint32_t hil_crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = (const uint8_t *)data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++) {
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
		}
	}
	return ~crc;
}
