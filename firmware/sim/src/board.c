#define _POSIX_C_SOURCE 200809L
#include "board.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "console.h"
#include "hil/core.h"
#include "minishell/minishell.h"
#include "model/llext_model.h"
#include "modelboard/modelboard.h"
#include "noinit.h"
#include "nor_flash.h"
#include "throttle.h"

#define BANNER "*** Booting Zephyr OS build v4.2.0-llext-hil-sim ***\r\n"
#define IMAGE_STORE_SIZE (32u * 1024u)

static struct {
	struct sim_options opts;
	struct nor_flash flash;
	struct hil_port port;
	uint8_t *rx_ring;
	void *heap;
	uint64_t boot_ns;
} board;

/* Like a no-init RAM region at a fixed place in the board's memory map. */
static uint8_t image_store[IMAGE_STORE_SIZE] __attribute__((aligned(16)));

/* ---- what the shared model-board wiring needs from the sim ------------------------------ */

static uint64_t uptime_us(void)
{
	return (sim_now_ns() - board.boot_ns) / 1000u;
}

static void __attribute__((noreturn)) reset_now(void)
{
	console_flush();
	noinit_set_next_cause(HIL_RESET_SOFTWARE);
	exit(SIM_EXIT_RESET); /* a new process: cold and warm reset look the same here */
}

static void __attribute__((noreturn)) halt_now(void)
{
	exit(console_halt());
}

static const struct mb_board sim_board = {
	.console_write = console_write,
	.console_flush = console_flush,
	.uptime_us = uptime_us,
	.reset = reset_now,
	.halt = halt_now,
};

/* ---- the board's part of the port ------------------------------------------------------ */

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

static void port_power_cut(void)
{
	/* Power is gone: the half-done flash operation is already in the file, and the no-init
	 * file still says "power-on" for the next boot. */
	console_power_cut();
	exit(SIM_EXIT_POWER_CUT);
}

/* ---- setup and boot ------------------------------------------------------------------ */

/* --build-id-file: the build id of the firmware "flashed" last, read at every boot. A missing file
 * keeps the command line's build id; one without 16 hex digits is refused. */
static int read_build_id_file(const char *path, char *build_id, char *why, size_t why_len)
{
	char text[64] = { 0 };
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		return 0;
	}
	size_t n = fread(text, 1, sizeof(text) - 1, f);

	fclose(f);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' ')) {
		text[--n] = '\0';
	}
	if (n != 16 || strspn(text, "0123456789abcdefABCDEF") != 16) {
		snprintf(why, why_len, "--build-id-file: %s does not hold 16 hex digits; write e.g. 3f2a9c1e5b7d0a42 into it",
			 path);
		return -1;
	}
	for (size_t k = 0; k < 16; k++) {
		build_id[k] = (char)tolower((unsigned char)text[k]);
	}
	build_id[16] = '\0';
	return 0;
}

int board_setup(const struct sim_options *opts, char *why, size_t why_len)
{
	enum model_profile profile;

	board.opts = *opts;
	board.boot_ns = sim_now_ns();
	if (opts->build_id_file != NULL &&
	    read_build_id_file(opts->build_id_file, board.opts.build_id, why, why_len) != 0) {
		return -1;
	}
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
	struct hil_port *p = &board.port;

	mb_init(&sim_board, p, board.rx_ring, opts->rx_buf, opts->color, opts->fatal_reboot);
	p->uptime_ms = port_uptime_ms;
	p->flash_read = port_flash_read;
	p->flash_write = port_flash_write;
	p->flash_erase = port_flash_erase;
	p->flash.offset = 0;
	p->flash.size = board.flash.size;
	p->flash.erase_block = opts->erase_block;
	p->flash.write_block = opts->write_block;
	p->power_cut = port_power_cut;
	p->board = board.opts.board;
	p->arch = "posix"; /* like Zephyr's native_sim */
	p->build_id = board.opts.build_id;
	p->image_store = image_store;
	p->image_store_size = sizeof(image_store);
	p->test_commands = !opts->field; /* a field build answers them -ENOTSUP */
	if (noinit_boot(opts->flash_path, &p->boot_count, &p->reset_cause, why, why_len) != 0) {
		return -1;
	}

	if (mb_model_init(board.heap, opts->heap, profile) != 0) {
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
	return mb_shell();
}

int board_run(void)
{
	board.boot_ns = sim_now_ns();
	console_write(BANNER, sizeof(BANNER) - 1);
	mb_log_boot(&board.port, board.opts.profile, (uint32_t)board.opts.heap);
	/* Input is taken from here on (the console feeds the shell's ring): say so, so the host
	 * needs no quiet period; the first prompt follows. */
	hil_core_announce_ready();
	ms_start(mb_shell());
	return console_run(hil_core_poll);
}
