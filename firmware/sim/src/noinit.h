/*
 * The board's "no-init RAM": the boot counter and the cause of the next reset, kept in a small
 * file next to the flash file (<flash>.noinit) because each boot is a new process.
 *
 * At boot the file is read (boot = previous + 1, cause = what the previous run recorded) and
 * rewritten with the cause "power-on": if the process then dies without saying otherwise
 * (killed by the host for a power cycle, or a power cut), the next boot reports power-on.
 * A reset request records "software" just before the process exits with code 3.
 */
#ifndef SIM_NOINIT_H
#define SIM_NOINIT_H

#include <stdint.h>

#include "hil/port.h"

/* Returns 0, or -1 with a reason in `why` when the file cannot be written. */
int noinit_boot(const char *flash_path, uint32_t *boot_count, enum hil_reset_cause *cause,
		char *why, size_t why_len);
/* Records the cause the next boot will report. */
void noinit_set_next_cause(enum hil_reset_cause cause);

#endif
