/*
 * The boot counter and the reset cause, kept in a no-init RAM record (.hil_noinit: not loaded
 * from the ELF, not zeroed by the startup code, so it survives every reset of one QEMU run).
 *
 * Nothing is read from hardware: the cause is "software" when the previous boot asked for
 * the reset itself (`hil reset`, `kernel reboot`), otherwise "power-on" (QMP system_reset,
 * a power cut by `fault flash`, a new QEMU process). A record without its magic (a new
 * QEMU process: RAM is zero) starts the count at 1.
 */
#ifndef QC_NOINIT_H
#define QC_NOINIT_H

#include <stdint.h>

#include "hil/port.h"

/* Reads the record left by the previous boot, then arms it with "power-on" for the next. */
void noinit_boot(uint32_t *boot_count, enum hil_reset_cause *cause);

/* Called right before a reset the firmware requests itself. */
void noinit_set_next_cause(enum hil_reset_cause cause);

#endif
