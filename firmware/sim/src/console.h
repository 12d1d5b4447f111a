/*
 * The simulated UART: bytes between the host (stdio, pty or TCP socket) and the shell, at a
 * line rate, with the shell's RX ring buffer in between.
 *
 *   host --> [wire: bytes in flight] --RX token bucket ("ISR")--> shell RX ring --> shell
 *   shell --> [TX queue] --TX token bucket--> host
 *
 * While the TX queue holds more than a UART FIFO's worth, the shell is "blocked in write" and
 * reads nothing, but the ISR keeps filling the ring: a host that keeps sending meanwhile
 * overruns the ring and loses bytes, exactly like on a board.
 */
#ifndef SIM_CONSOLE_H
#define SIM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "minishell/minishell.h"

enum console_kind {
	CONSOLE_STDIO,  /* EOF on stdin = power off, once everything received is handled */
	CONSOLE_PTY,    /* the host may close and reopen the pty; meanwhile output is lost */
	CONSOLE_SOCKET  /* EOF from the client = power off */
};

/* eof_byte: a byte that means EOF on input (Ctrl-D from a raw terminal), or -1. */
void console_init(enum console_kind kind, int in_fd, int out_fd, int eof_byte, uint32_t baud,
		  struct ms_shell *shell);

/* Queues output for the host (the shell's and the core's write callbacks). */
void console_write(const void *buf, size_t len);

/* Sends everything queued, at the line rate (before a reset: the last words get out). */
void console_flush(void);

/* The board's main loop: feeds the shell, polls the HIL core, moves bytes. Returns only to
 * power off (EOF), with the exit code to use (0). */
int console_run(void (*poll_hook)(void));

/* A halted CPU: output already queued drains, input is read and ignored, nothing else
 * happens. Returns only at power off (EOF), with exit code 0. */
int console_halt(void);

/* At a power cut: without a line rate everything queued counts as already sent, so it goes
 * out; with one, what the UART had not shifted out yet is lost, as on a board. */
void console_power_cut(void);

uint32_t console_rx_dropped(void);
/* Output bytes thrown away because nobody read them (see console_write, console_flush). */
uint64_t console_tx_lost(void);

#endif
