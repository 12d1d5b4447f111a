#define _POSIX_C_SOURCE 200809L
#include "board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "hil/core.h"
#include "minishell/minishell.h"
#include "model/llext_model.h"
#include "noinit.h"
#include "nor_flash.h"
#include "throttle.h"

#define BANNER "*** Booting Zephyr OS build v4.2.0-llext-hil-sim ***\r\n"
#define IMAGE_STORE_SIZE (32u * 1024u)

static struct {
	struct sim_options opts;
	struct nor_flash flash;
	struct hil_port port;
	struct ms_shell shell;
	uint8_t *rx_ring;
	void *heap;
	uint64_t boot_ns;
} board;

/* Like a no-init RAM region at a fixed place in the board's memory map. */
static uint8_t image_store[IMAGE_STORE_SIZE] __attribute__((aligned(16)));

/* ---- console plumbing --------------------------------------------------------------- */

static void shell_write(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	console_write(buf, len);
}

static uint64_t shell_uptime_us(void *ctx)
{
	(void)ctx;
	return (sim_now_ns() - board.boot_ns) / 1000u;
}

static int shell_hil(void *ctx, int argc, char **argv)
{
	(void)ctx;
	/* The core takes the words after the root word `hil`. */
	return hil_core_command(argc - 1, argv + 1);
}

static void shell_bypass(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	hil_core_bypass_bytes(buf, len);
}

static void reset_now(void)
{
	console_flush();
	noinit_set_next_cause(HIL_RESET_SOFTWARE);
	exit(SIM_EXIT_RESET);
}

static void shell_reboot(void *ctx, bool cold)
{
	(void)ctx;
	(void)cold; /* a new process either way: cold and warm reset look the same here */
	reset_now();
}

/* ---- the port ------------------------------------------------------------------------- */

static void port_write(const char *buf, size_t len)
{
	ms_write(&board.shell, buf, len); /* verbatim, and the shell knows where the cursor is */
}

static void port_flush(void)
{
	console_flush();
}

static uint32_t port_uptime_ms(void)
{
	return (uint32_t)((sim_now_ns() - board.boot_ns) / 1000000u);
}

static int port_flash_read(uint32_t off, void *dst, size_t len)
{
	return nor_read(&board.flash, off, dst, len);
}

static int port_flash_write(uint32_t off, const void *src, size_t len)
{
	return nor_program(&board.flash, off, src, len);
}

static int port_flash_erase(uint32_t off, size_t len)
{
	return nor_erase(&board.flash, off, len);
}

static void port_reset(bool cold)
{
	(void)cold;
	reset_now();
}

static void port_power_cut(void)
{
	/* Power is gone: the half-done flash operation is already in the file, and the no-init
	 * file still says "power-on" for the next boot. */
	console_power_cut();
	exit(SIM_EXIT_POWER_CUT);
}

static void port_bypass(bool on)
{
	ms_set_bypass(&board.shell, on);
}

/* ---- fatal errors -------------------------------------------------------------------- */

static void on_model_fatal(const struct model_assert_info *info)
{
	ms_fatal_assert(&board.shell, info->expr, info->file, info->line, info->message);
	if (board.opts.fatal_reboot) {
		console_flush();
		noinit_set_next_cause(HIL_RESET_SOFTWARE);
		exit(SIM_EXIT_RESET);
	}
	ms_fatal_halt(&board.shell);
	exit(console_halt());
}

/* ---- setup and boot ------------------------------------------------------------------ */

int board_setup(const struct sim_options *opts, char *why, size_t why_len)
{
	enum model_profile profile;

	board.opts = *opts;
	board.boot_ns = sim_now_ns();
	if (model_profile_parse(opts->profile, &profile) != 0) {
		snprintf(why, why_len, "--profile: '%s' is not a profile; use upstream or contract",
			 opts->profile);
		return -1;
	}
	if (nor_open(&board.flash, opts->flash_path, opts->flash_size, opts->flash_size_given,
		     opts->erase_block, opts->write_block, why, why_len) != 0) {
		return -1;
	}
	board.rx_ring = malloc(opts->rx_buf);
	board.heap = malloc(opts->heap);
	if (board.rx_ring == NULL || board.heap == NULL) {
		snprintf(why, why_len, "--heap/--rx-buf: out of host memory; use smaller sizes");
		return -1;
	}
	/* The shell first: everything after this may print through it. */
	static const struct ms_hooks hooks = {
		.write = shell_write,
		.hil = shell_hil,
		.bypass = shell_bypass,
		.reboot = shell_reboot,
		.uptime_us = shell_uptime_us,
	};
	ms_init(&board.shell, &hooks, NULL, board.rx_ring, opts->rx_buf, opts->color);

	struct hil_port *p = &board.port;

	p->write = port_write;
	p->flush = port_flush;
	p->uptime_ms = port_uptime_ms;
	p->flash_read = port_flash_read;
	p->flash_write = port_flash_write;
	p->flash_erase = port_flash_erase;
	p->flash.offset = 0;
	p->flash.size = board.flash.size;
	p->flash.erase_block = opts->erase_block;
	p->flash.write_block = opts->write_block;
	p->reset = port_reset;
	p->power_cut = port_power_cut;
	p->bypass = port_bypass;
	p->board = board.opts.board;
	p->arch = "posix"; /* like Zephyr's native_sim */
	p->zephyr_version = "4.2.0";
	p->build_id = board.opts.build_id;
	p->image_store = image_store;
	p->image_store_size = sizeof(image_store);
	p->rx_buf = opts->rx_buf;
	p->test_commands = true;
	if (noinit_boot(opts->flash_path, &p->boot_count, &p->reset_cause, why, why_len) != 0) {
		return -1;
	}

	struct model_config mc = {
		.heap = board.heap,
		.heap_size = opts->heap,
		.profile = profile,
		.fatal = on_model_fatal,
	};
	if (model_init(&mc) != 0) {
		snprintf(why, why_len, "--heap %u: the LLEXT model refused it; use e.g. --heap 16384",
			 (unsigned)opts->heap);
		return -1;
	}
	int rc = hil_core_init(&board.port, model_backend());

	if (rc != 0) {
		snprintf(why, why_len,
			 "--flash-size/--erase-block/--write-block: the HIL core refused the flash "
			 "geometry (%u bytes, erase %u, write %u; rc %d): it must hold two context "
			 "slots; use e.g. --flash-size 65536 --erase-block 4096 --write-block 8",
			 (unsigned)board.flash.size, (unsigned)opts->erase_block,
			 (unsigned)opts->write_block, rc);
		return -1;
	}

	return 0;
}

struct ms_shell *board_shell(void)
{
	return &board.shell;
}

int board_run(void)
{
	char msg[160];

	board.boot_ns = sim_now_ns();
	console_write(BANNER, sizeof(BANNER) - 1);
	snprintf(msg, sizeof(msg), "boot %u, reset cause %s, profile %s", (unsigned)board.port.boot_count,
		 noinit_cause_name(board.port.reset_cause), board.opts.profile);
	ms_log(&board.shell, MS_LOG_INF, "llext_hil", msg);
	snprintf(msg, sizeof(msg), "board %s, flash %u bytes (erase %u, write %u), heap %u, rx-buf %u",
		 board.opts.board, (unsigned)board.flash.size, (unsigned)board.opts.erase_block,
		 (unsigned)board.opts.write_block, (unsigned)board.opts.heap,
		 (unsigned)board.opts.rx_buf);
	ms_log(&board.shell, MS_LOG_INF, "llext_hil", msg);
	ms_start(&board.shell);
	return console_run(hil_core_poll);
}
