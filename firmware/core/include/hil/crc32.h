/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320, init and final xor 0xFFFFFFFF): zlib's crc32. */
#ifndef HIL_CRC32_H
#define HIL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Incremental: start with crc = 0 (like zlib), feed the result back in. */
uint32_t hil_crc32(uint32_t crc, const void *data, size_t len);

#endif /* HIL_CRC32_H */
