/*
 * The build id the board reports (`hil info` -> "build") and stamps into saved contexts.
 *
 * By default it is the compiled-in QC_BUILD_ID (a hash of the sources). A host can make the
 * same ELF boot as "another firmware build" without recompiling: it puts a non-zero 64-bit
 * value at QC_BUILD_ID_OVERRIDE_ADDR before the CPU starts, e.g. with
 *     -device loader,addr=0x203ffff8,data=0x00000000deadbeef,data-len=8
 * (QEMU's generic loader stores `data` little-endian, as the Cortex-M3 reads it, and writes it
 * again at every reset, so the override holds for the whole QEMU process, like a flashed
 * build). The id is then the value as 16 lower-case hex digits, most significant first: the
 * digits after `0x` above are exactly what `hil info` reports. Zero means no override.
 * The 8 bytes are the last 8 of SRAM, in no loaded ELF segment and never written by the
 * firmware (qemu_core.ld), so a new QEMU process without the loader has zero there.
 */
#ifndef QC_BUILD_ID_H
#define QC_BUILD_ID_H

#include <stdbool.h>

#define QC_BUILD_ID_OVERRIDE_ADDR 0x203FFFF8u

/* Reads the override once at boot; returns the id to report (16 hex digits). */
const char *build_id_boot(void);

/* True when the id came from the override rather than the compiled-in one. */
bool build_id_overridden(void);

#endif
