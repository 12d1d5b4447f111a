/*
 * llext-hil-sim: the built-in simulated board. It runs the real HIL core and the C LLEXT model
 * behind a Zephyr-like shell, on stdio, a pty or TCP, with a NOR flash kept in a file.
 * Command line and behaviour: docs/sim.md; exit codes: docs/protocol.md section 7.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "board.h"
#include "console.h"
#include "keep_uart.h"
#include "sim_options.h"
#include "transport.h"

/* Losses are part of what a run did: say so on the way out (stderr, not the console). */
static void report_losses(void)
{
	uint32_t dropped = console_rx_dropped();
	uint64_t lost = console_tx_lost();

	if (dropped != 0) {
		fprintf(stderr, "llext-hil-sim: RX ring buffer full: %u received bytes dropped\n",
			(unsigned)dropped);
	}
	if (lost != 0) {
		fprintf(stderr, "llext-hil-sim: %llu output bytes lost (nobody was reading)\n",
			(unsigned long long)lost);
	}
}

int main(int argc, char **argv)
{
	struct sim_options opts;
	struct transport tr;
	char why[512];
	int rc;

	signal(SIGPIPE, SIG_IGN); /* a vanished host shows up as EPIPE, i.e. power off */
	rc = sim_parse_options(argc, argv, &opts, why, sizeof(why));
	if (rc == 1) {
		return 0;
	}
	if (rc != 0 || board_setup(&opts, why, sizeof(why)) != 0) {
		fprintf(stderr, "llext-hil-sim: %s\n", why);
		return SIM_EXIT_BAD_ARGS;
	}
	rc = transport_open(&opts, &tr, why, sizeof(why));
	if (rc != 0) {
		fprintf(stderr, "llext-hil-sim: %s\n", why);
		return rc == -2 ? SIM_EXIT_POWER_OFF : SIM_EXIT_BAD_ARGS;
	}
	if (opts.keep_uart) {
		return keep_uart_run(&opts, &tr, report_losses);
	}
	console_init(tr.kind, tr.in_fd, tr.out_fd, tr.eof_byte, opts.baud, board_shell());
	atexit(report_losses);
	return board_run();
}
