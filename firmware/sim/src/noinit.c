#define _POSIX_C_SOURCE 200809L
#include "noinit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modelboard/modelboard.h"

#define NOINIT_HEADER "llext-hil-sim noinit 1"

static char noinit_path[4096];
static uint32_t noinit_boot_count;

static int parse_cause(const char *s, enum hil_reset_cause *out)
{
	for (int c = HIL_RESET_POWER_ON; c <= HIL_RESET_UNKNOWN; c++) {
		if (strcmp(s, mb_cause_name((enum hil_reset_cause)c)) == 0) {
			*out = (enum hil_reset_cause)c;
			return 0;
		}
	}
	return -1;
}

/* Written to a temporary file and renamed, so a kill mid-write leaves the old or new state. */
static int store(uint32_t boot, enum hil_reset_cause next)
{
	char tmp[sizeof(noinit_path) + 8];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", noinit_path);
	f = fopen(tmp, "w");
	if (f == NULL) {
		return -1;
	}
	fprintf(f, NOINIT_HEADER "\nboot %u\nnext_reset_cause %s\n", (unsigned)boot,
		mb_cause_name(next));
	if (fclose(f) != 0) {
		return -1;
	}
	return rename(tmp, noinit_path);
}

int noinit_boot(const char *flash_path, uint32_t *boot_count, enum hil_reset_cause *cause,
		char *why, size_t why_len)
{
	char header[64] = "", cause_name[32] = "";
	unsigned prev = 0;
	FILE *f;

	snprintf(noinit_path, sizeof(noinit_path), "%s.noinit", flash_path);
	*boot_count = 1;
	*cause = HIL_RESET_POWER_ON;
	f = fopen(noinit_path, "r");
	if (f != NULL) {
		/* Anything unreadable is what RAM holds after power-up: start over at boot 1. */
		if (fgets(header, sizeof(header), f) != NULL &&
		    strncmp(header, NOINIT_HEADER "\n", sizeof(NOINIT_HEADER)) == 0 &&
		    fscanf(f, "boot %u\nnext_reset_cause %31s", &prev, cause_name) == 2 &&
		    parse_cause(cause_name, cause) == 0) {
			*boot_count = prev + 1u;
		} else {
			*cause = HIL_RESET_POWER_ON;
		}
		fclose(f);
	}
	noinit_boot_count = *boot_count;
	if (store(*boot_count, HIL_RESET_POWER_ON) != 0) {
		snprintf(why, why_len, "--flash: cannot write '%s': %s; give a writable directory",
			 noinit_path, strerror(errno));
		return -1;
	}
	return 0;
}

void noinit_set_next_cause(enum hil_reset_cause cause)
{
	(void)store(noinit_boot_count, cause);
}
