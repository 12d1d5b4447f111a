/*
 * What the portable HIL core needs from the platform it runs on (the "port").
 *
 * Three ports exist: the simulated board (firmware/sim/), the Zephyr glue (firmware/zephyr/)
 * and the bare-metal QEMU core (firmware/qemu-core/). Tests build their own port with an
 * emulated NOR flash. A port fills one `struct hil_port` (it may do so at run time, e.g.
 * from the sim's command line) and hands it to hil_core_init(); the core keeps the pointer,
 * so the struct must outlive the core (static storage).
 *
 * Every function pointer is required unless marked optional. None of them may call back
 * into the core. Plain C99, no OS includes.
 */
#ifndef HIL_PORT_H
#define HIL_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/errno.h"

/* Why the board last reset; printed by `info` as "reset_cause". */
enum hil_reset_cause {
	HIL_RESET_POWER_ON = 0,   /* "power-on" */
	HIL_RESET_SOFTWARE = 1,   /* "software" */
	HIL_RESET_PIN = 2,        /* "pin" */
	HIL_RESET_WATCHDOG = 3,   /* "watchdog" */
	HIL_RESET_UNKNOWN = 4     /* "unknown" */
};

/* The storage partition that holds the two context slots. */
struct hil_flash_geometry {
	uint32_t offset;       /* partition offset in the flash device; only reported by `info` */
	uint32_t size;         /* partition size in bytes */
	uint32_t erase_block;  /* erase granularity (power of two) */
	uint32_t write_block;  /* program granularity (power of two, 1..64) */
};

struct hil_port {
	/* Console output. The core streams a line in pieces of at most HIL_OUT_PIECE bytes
	 * (hil/config.h), in order, and only the last piece of a line holds its CRLF, at its
	 * end ("...|crc\r\n", "@@ACK|256\r\n"): write every piece verbatim (no newline
	 * translation) and let no other output in between the pieces of one line. */
	void (*write)(const char *buf, size_t len);
	/* Optional (may be NULL): push buffered console output to the wire. The core calls it
	 * after the result line of `reset` and before port->reset(). */
	void (*flush)(void);

	/* Milliseconds since boot; may wrap (the core compares with unsigned subtraction). */
	uint32_t (*uptime_ms)(void);

	/* Flash operations on the storage partition; offsets are partition-relative.
	 * write: off and len are multiples of write_block; NOR semantics (bits only go 1 -> 0).
	 * erase: off and len are multiples of erase_block; erased bytes read 0xFF.
	 * Each returns 0 or a negative errno (HIL_EIO for a device error). */
	int (*flash_read)(uint32_t off, void *dst, size_t len);
	int (*flash_write)(uint32_t off, const void *src, size_t len);
	int (*flash_erase)(uint32_t off, size_t len);
	struct hil_flash_geometry flash;

	/* Reset the board (cold = power-on-like, warm = core only). Must not return; if it
	 * does (unit tests), the core simply returns from the command. */
	void (*reset)(bool cold);
	/* Cut the power now: used by `fault flash n` after the first half of the n-th flash
	 * operation. Must not return (the sim exits with code 4, tests longjmp). */
	void (*power_cut)(void);

	/* Switch the shell's bypass mode. While on, every received byte goes to
	 * hil_core_bypass_bytes() and nothing is echoed; the core switches it off itself
	 * when data mode ends (end frame or idle timeout). */
	void (*bypass)(bool on);

	/* Identity, reported by `info`. build_id: exactly 16 lower-case hex digits (8 bytes),
	 * it is also stamped into every saved context. */
	const char *board;           /* e.g. "mps2/an385" */
	const char *arch;            /* e.g. "arm" */
	const char *zephyr_version;  /* e.g. "4.2.0" */
	const char *build_id;        /* e.g. "3f2a9c1e5b7d0a42" */

	/* The image store: uploaded images live here. On real boards a fixed-address,
	 * no-init RAM region, so an image re-instated by `ctx restore` lands at the same
	 * address as before the reset. Align it to 16 bytes. */
	uint8_t *image_store;
	size_t image_store_size;

	/* The shell's receive buffer in bytes: the core derives the upload chunk and window
	 * from it (window * (chunk + 12) <= rx_buf). */
	size_t rx_buf;

	/* Owned by the port: the sim persists the boot count next to its flash file, Zephyr
	 * reads hwinfo and keeps the count in no-init RAM. */
	uint32_t boot_count;
	enum hil_reset_cause reset_cause;

	/* true when the test-only commands (`fault ...`, `ctx erase`) are compiled in
	 * (CONFIG_LLEXT_HIL_TEST); otherwise they answer -ENOTSUP. */
	bool test_commands;
};

#endif /* HIL_PORT_H */
