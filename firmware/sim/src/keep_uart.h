/*
 * --keep-uart: the console connection outlives the board's reboots, as a USB-UART adapter or a
 * ser2net port does. The first process opens the transport once and runs each boot in a child
 * process on the same descriptors; a software reset (exit 3) or a power cut (exit 4) starts the
 * next boot behind the same connection, anything else ends the sim with that exit code.
 */
#ifndef SIM_KEEP_UART_H
#define SIM_KEEP_UART_H

#include "sim_options.h"
#include "transport.h"

/* Runs boots until power off; returns the exit code of the last one. board_setup() has already
 * run once (for the first boot). */
int keep_uart_run(const struct sim_options *opts, const struct transport *tr, void (*on_exit_report)(void));

#endif
