/*
 * modelboard: the wiring that every board running the portable HIL core on the C LLEXT model
 * behind the minishell shares (the simulated board firmware/sim/ and the bare-metal QEMU core
 * firmware/qemu-core/), kept in one place so both boards behave the same on the wire:
 *  - the shell's hooks (`hil ...` to the core, bypass bytes to the core, `kernel reboot`);
 *  - the console half of the hil_port (write through the shell, flush, reset, bypass);
 *  - the model's fatal-error path (Zephyr's assertion banner, then reboot or halt);
 *  - the two boot log lines (boot count and cause, board and sizes).
 * The board keeps what is its own: flash, no-init record, clocks, banner and main loop.
 *
 * One board per program: the hil_port callbacks carry no context, so the wiring lives in one
 * static instance. Plain C99, no stdio, no malloc: it is compiled freestanding for Cortex-M3
 * into the QEMU core as well as for the host.
 *
 * Use:
 *     static const struct mb_board ops = { console_write, console_flush, uptime_us, reset_now,
 *                                          halt_now };
 *     ...fill the board's part of `port` (flash, identity, image store, boot count)...
 *     mb_init(&ops, &port, rx_ring, sizeof(rx_ring), color, reboot_on_fatal);
 *     ...print the banner, mb_log_boot(&port, "upstream", heap_size)...
 *     mb_model_init(heap, heap_size, profile); hil_core_init(&port, model_backend());
 *     ms_start(mb_shell());
 */
#ifndef MODELBOARD_H
#define MODELBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/port.h"
#include "minishell/minishell.h"
#include "model/llext_model.h"

/* What the board provides. The two functions marked "does not return" must not. */
struct mb_board {
	/* Raw bytes to the console (UART, pty, socket). */
	void (*console_write)(const void *buf, size_t len);
	/* Pushes buffered console output to the wire; also the port's flush. */
	void (*console_flush)(void);
	/* Microseconds since boot, for log timestamps. */
	uint64_t (*uptime_us)(void);
	/* Software reset (`hil reset`, `kernel reboot`, a fatal error with reboot on): records
	 * the cause for the next boot, flushes the console and resets. Does not return. */
	void (*reset)(void);
	/* After `Halting system`: flushes the console and stops for good. Does not return. */
	void (*halt)(void);
};

/* Prepares the shell (prints nothing) and fills the console half of `port`: write, flush,
 * reset, bypass, rx_buf (= rx_size), test_commands (on: these boards are test boards) and
 * zephyr_version (the version in the boards' boot banner). `board`, `port` and `rx_ring`
 * must outlive the program. With reboot_on_fatal, a model assertion reboots instead of
 * halting. */
void mb_init(const struct mb_board *board, struct hil_port *port, uint8_t *rx_ring,
	     uint32_t rx_size, bool color, bool reboot_on_fatal);

/* The console shell, valid after mb_init(). */
struct ms_shell *mb_shell(void);

/* model_init() with the shared fatal-error handler; returns what model_init() returns. */
int mb_model_init(void *heap, size_t heap_size, enum model_profile profile);

/* `power-on`, `software`, `pin`, `watchdog`, `unknown`: the names `info` reports. */
const char *mb_cause_name(enum hil_reset_cause cause);

/* Logs the two boot lines both boards print after the banner:
 *   boot <n>, reset cause <cause>, profile <profile>
 *   board <name>, flash <size> bytes (erase <e>, write <w>), heap <heap>, rx-buf <rx> */
void mb_log_boot(const struct hil_port *port, const char *profile, uint32_t heap_size);

#endif /* MODELBOARD_H */
