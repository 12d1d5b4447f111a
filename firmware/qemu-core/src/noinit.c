#include "noinit.h"

#define NOINIT_MAGIC 0x48494C31u /* arbitrary; a zero-filled RAM never holds it */

struct boot_record {
	uint32_t magic;
	uint32_t boot_count;
	uint32_t next_cause;
	uint32_t check; /* ~(magic ^ boot_count ^ next_cause): a half-written record is refused */
};

static volatile struct boot_record record __attribute__((section(".hil_noinit")));

static uint32_t check_of(uint32_t boot_count, uint32_t next_cause)
{
	return ~(NOINIT_MAGIC ^ boot_count ^ next_cause);
}

static void store(uint32_t boot_count, enum hil_reset_cause next)
{
	record.magic = NOINIT_MAGIC;
	record.boot_count = boot_count;
	record.next_cause = (uint32_t)next;
	record.check = check_of(boot_count, (uint32_t)next);
}

void noinit_boot(uint32_t *boot_count, enum hil_reset_cause *cause)
{
	uint32_t next = record.next_cause;

	if (record.magic == NOINIT_MAGIC && record.check == check_of(record.boot_count, next) &&
	    next <= (uint32_t)HIL_RESET_UNKNOWN) {
		*boot_count = record.boot_count + 1u;
		*cause = (enum hil_reset_cause)next;
	} else {
		*boot_count = 1;
		*cause = HIL_RESET_POWER_ON;
	}
	store(*boot_count, HIL_RESET_POWER_ON);
}

void noinit_set_next_cause(enum hil_reset_cause cause)
{
	store(record.boot_count, cause);
}
