/*
 * How the host reaches the simulated board's UART: stdin/stdout, a pty, or a TCP socket on
 * loopback. Opening announces the pty path or TCP port on stderr and waits until the host is
 * there (a newline on stdin for a pty, a connection for TCP), so no boot output is lost.
 */
#ifndef SIM_TRANSPORT_H
#define SIM_TRANSPORT_H

#include <stddef.h>

#include "console.h"
#include "sim_options.h"

struct transport {
	enum console_kind kind;
	int in_fd, out_fd;
	int eof_byte;   /* a terminal in raw mode sends Ctrl-D (0x04) for EOF; -1: none */
};

/* Returns 0; -1 with a one-line reason in `why` (bad --tcp/--pty: exit 2); -2 when the host went
 * away before the board booted (exit 0, powered off). */
int transport_open(const struct sim_options *o, struct transport *t, char *why, size_t why_len);

#endif
