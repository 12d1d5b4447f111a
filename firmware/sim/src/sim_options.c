#include "sim_options.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_build_id.h" /* generated: SIM_DEFAULT_BUILD_ID, a hash of the core+model sources */

#define DEFAULT_FLASH_SIZE 65536u

static bool is_pow2(uint32_t v)
{
	return v != 0 && (v & (v - 1u)) == 0;
}

/* Decimal (or 0x hex) without sign or junk, within [min, max]. */
static bool parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0' || *s == '-' || *s == '+' || isspace((unsigned char)*s)) {
		return false;
	}
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || v < min || v > max) {
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static int bad(char *why, size_t why_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return -1;
}

int sim_parse_options(int argc, char **argv, struct sim_options *o, char *why, size_t why_len)
{
	bool transport_given = false;

	memset(o, 0, sizeof(*o));
	o->transport = SIM_STDIO;
	o->profile = "upstream";
	o->rx_buf = 1024;
	o->heap = 16384;
	o->erase_block = 4096;
	o->write_block = 8;
	o->board = "sim";
	snprintf(o->build_id, sizeof(o->build_id), "%s", SIM_DEFAULT_BUILD_ID);

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint32_t n;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(SIM_USAGE, stdout);
			return 1;
		}
		if (strcmp(a, "--stdio") == 0 || strcmp(a, "--pty") == 0 || strcmp(a, "--tcp") == 0) {
			if (transport_given) {
				return bad(why, why_len, "%s: only one of --stdio, --pty, --tcp PORT may be given", a);
			}
			transport_given = true;
			if (strcmp(a, "--stdio") == 0) {
				o->transport = SIM_STDIO;
				continue;
			}
			if (strcmp(a, "--pty") == 0) {
				o->transport = SIM_PTY;
				continue;
			}
			if (!parse_u32(v, 0, 65535, &n)) {
				return bad(why, why_len, "--tcp: '%s' is not a port; use --tcp 0 (any free port) or --tcp 5555",
					   v ? v : "");
			}
			o->transport = SIM_TCP;
			o->tcp_port = (uint16_t)n;
			i++;
			continue;
		}
		if (strcmp(a, "--color") == 0) {
			o->color = true;
			continue;
		}
		if (strcmp(a, "--keep-uart") == 0) {
			o->keep_uart = true;
			continue;
		}
		if (strcmp(a, "--field") == 0) {
			o->field = true;
			continue;
		}
		/* Everything below takes a value. */
		if (strncmp(a, "--", 2) != 0 || (
		    strcmp(a, "--flash") != 0 && strcmp(a, "--profile") != 0 &&
		    strcmp(a, "--baud") != 0 && strcmp(a, "--rx-buf") != 0 &&
		    strcmp(a, "--heap") != 0 && strcmp(a, "--on-fatal") != 0 &&
		    strcmp(a, "--flash-size") != 0 && strcmp(a, "--erase-block") != 0 &&
		    strcmp(a, "--write-block") != 0 && strcmp(a, "--board") != 0 &&
		    strcmp(a, "--build-id") != 0 && strcmp(a, "--build-id-file") != 0)) {
			return bad(why, why_len, "unknown argument '%s'; see llext-hil-sim --help or docs/sim.md", a);
		}
		if (v == NULL) {
			return bad(why, why_len, "%s needs a value; see llext-hil-sim --help", a);
		}
		i++;
		if (strcmp(a, "--flash") == 0) {
			if (*v == '\0') {
				return bad(why, why_len, "--flash: empty path; use e.g. --flash /tmp/board.flash");
			}
			o->flash_path = v;
		} else if (strcmp(a, "--profile") == 0) {
			if (strcmp(v, "upstream") != 0 && strcmp(v, "contract") != 0) {
				return bad(why, why_len, "--profile: '%s' is not a profile; use upstream or contract", v);
			}
			o->profile = v;
		} else if (strcmp(a, "--baud") == 0) {
			if (!parse_u32(v, 0, 100000000u, &o->baud)) {
				return bad(why, why_len, "--baud: '%s' is not a rate; use e.g. --baud 115200 (0 = unlimited)", v);
			}
		} else if (strcmp(a, "--rx-buf") == 0) {
			if (!parse_u32(v, 1, 1u << 24, &o->rx_buf)) {
				return bad(why, why_len, "--rx-buf: '%s' is not a size; use 1..16777216 bytes, e.g. --rx-buf 1024", v);
			}
		} else if (strcmp(a, "--heap") == 0) {
			if (!parse_u32(v, 64, 1u << 26, &o->heap)) {
				return bad(why, why_len, "--heap: '%s' is not a size; use 64..67108864 bytes, e.g. --heap 16384", v);
			}
		} else if (strcmp(a, "--on-fatal") == 0) {
			if (strcmp(v, "halt") != 0 && strcmp(v, "reboot") != 0) {
				return bad(why, why_len, "--on-fatal: '%s' is not an action; use halt or reboot", v);
			}
			o->fatal_reboot = strcmp(v, "reboot") == 0;
		} else if (strcmp(a, "--flash-size") == 0) {
			if (!parse_u32(v, 1, 1u << 30, &o->flash_size)) {
				return bad(why, why_len, "--flash-size: '%s' is not a size; use e.g. --flash-size 65536", v);
			}
			o->flash_size_given = true;
		} else if (strcmp(a, "--erase-block") == 0) {
			if (!parse_u32(v, 1, 1u << 20, &o->erase_block) || !is_pow2(o->erase_block)) {
				return bad(why, why_len, "--erase-block: '%s' is not a power of two; use e.g. --erase-block 4096", v);
			}
		} else if (strcmp(a, "--write-block") == 0) {
			if (!parse_u32(v, 1, 64, &o->write_block) || !is_pow2(o->write_block)) {
				return bad(why, why_len, "--write-block: '%s' is not a power of two in 1..64; use e.g. --write-block 8", v);
			}
		} else if (strcmp(a, "--board") == 0) {
			if (*v == '\0' || strpbrk(v, "\"\\|\r\n") != NULL) {
				return bad(why, why_len, "--board: '%s' is not a board name; use letters, digits, '/', '_', e.g. --board sim", v);
			}
			o->board = v;
		} else if (strcmp(a, "--build-id-file") == 0) {
			if (*v == '\0') {
				return bad(why, why_len, "--build-id-file: empty path; use e.g. --build-id-file /tmp/board.build-id");
			}
			o->build_id_file = v;
		} else { /* --build-id */
			size_t len = strlen(v);

			if (len != 16 || strspn(v, "0123456789abcdefABCDEF") != 16) {
				return bad(why, why_len, "--build-id: '%s' is not 16 hex digits; use e.g. --build-id 3f2a9c1e5b7d0a42", v);
			}
			for (size_t k = 0; k < 16; k++) {
				o->build_id[k] = (char)tolower((unsigned char)v[k]);
			}
			o->build_id[16] = '\0';
		}
	}
	if (o->flash_path == NULL) {
		return bad(why, why_len, "--flash FILE is required (the board's flash, created 0xFF-filled when missing); use e.g. --flash /tmp/board.flash");
	}
	if (o->erase_block % o->write_block != 0) {
		return bad(why, why_len, "--write-block must divide --erase-block; use e.g. --erase-block 4096 --write-block 8");
	}
	if (!o->flash_size_given) {
		o->flash_size = DEFAULT_FLASH_SIZE; /* for a new file; an existing one keeps its size */
	} else if (o->flash_size % o->erase_block != 0) {
		return bad(why, why_len, "--flash-size must be a multiple of --erase-block; use e.g. --flash-size 65536");
	}
	if (o->keep_uart && o->transport == SIM_STDIO) {
		return bad(why, why_len, "--keep-uart needs a console that can outlive a boot; use it with --tcp PORT or --pty");
	}
	return 0;
}

