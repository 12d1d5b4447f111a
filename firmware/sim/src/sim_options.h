/* The simulated board's command line (docs/protocol.md section 7, docs/sim.md). */
#ifndef SIM_OPTIONS_H
#define SIM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sim_transport { SIM_STDIO, SIM_PTY, SIM_TCP };

struct sim_options {
	const char *flash_path;
	enum sim_transport transport;
	uint16_t tcp_port;            /* 0 = pick a free one */
	const char *profile;          /* "upstream" | "contract" */
	uint32_t baud;                /* 0 = no line-rate limit */
	uint32_t rx_buf;
	uint32_t heap;
	bool color;
	bool fatal_reboot;            /* --on-fatal reboot (default halt) */
	bool keep_uart;               /* resets restart the board behind the same console connection */
	bool field;                   /* no test commands, as a CONFIG_LLEXT_HIL_TEST=n field build */
	uint32_t flash_size;          /* size of a new file (default 65536) */
	bool flash_size_given;        /* an existing file must then have exactly this size */
	uint32_t erase_block;
	uint32_t write_block;
	const char *board;
	char build_id[17];
	const char *build_id_file;    /* read at every boot when it exists: the "flashed" build id */
};

/* Fills `o` from argv. Returns 0; 1 when --help was asked (usage printed to stdout);
 * -1 with a one-line message in `why` (naming the argument and the fix). */
int sim_parse_options(int argc, char **argv, struct sim_options *o, char *why, size_t why_len);

#define SIM_USAGE \
	"usage: llext-hil-sim --flash FILE [--tcp PORT | --pty | --stdio] [--profile upstream|contract]\n" \
	"                     [--baud N] [--rx-buf BYTES] [--heap BYTES] [--color] [--on-fatal halt|reboot]\n" \
	"                     [--flash-size BYTES] [--erase-block BYTES] [--write-block BYTES]\n" \
	"                     [--board NAME] [--build-id HEX16] [--build-id-file FILE] [--keep-uart] [--field]\n"

#endif
