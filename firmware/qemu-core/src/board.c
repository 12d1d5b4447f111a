/*
 * llext-hil-core on QEMU mps2-an385: the portable HIL core and the C LLEXT model behind the
 * minishell, on CMSDK UART0. Same console as the simulated board (banner, boot log, prompt,
 * result lines), so the host drives both the same way. docs/ci.md describes it.
 */
#include "board.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "build_id.h"
#include "clock.h"
#include "hil/core.h"
#include "minishell/minishell.h"
#include "model/llext_model.h"
#include "modelboard/modelboard.h"
#include "modelboard/text.h"
#include "mps2_an385.h"
#include "noinit.h"
#include "storage.h"
#include "uart.h"

#define BANNER           "*** Booting Zephyr OS build v4.2.0-llext-hil-core ***\r\n"
#define BOARD_NAME       "mps2/an385"
#define UART_BAUD        115200u
#define RX_BUF_SIZE      1024u
#define HEAP_SIZE        16384u
#define IMAGE_STORE_SIZE (32u * 1024u)
#define RX_DROP_LOG_MS   1000u

static uint8_t rx_ring[RX_BUF_SIZE];
static uint8_t llext_heap[HEAP_SIZE] __attribute__((aligned(8)));

/* No-init RAM at a fixed address of this build (qemu_core.ld): an image re-instated by
 * `ctx restore` lands where it was before the reset. */
static uint8_t image_store[IMAGE_STORE_SIZE] __attribute__((section(".hil_noinit"), aligned(16)));

/* ---- resets and halts ------------------------------------------------------------------ */

static void __attribute__((noreturn)) request_system_reset(void)
{
	qc_dsb();
	QC_SCB_AIRCR = QC_AIRCR_VECTKEY | QC_AIRCR_SYSRESETREQ;
	qc_dsb();
	/* QEMU resets asynchronously, a few instructions later; stay quiet until then. */
	qc_irq_mask();
	for (;;) {
		qc_wfi();
	}
}

static void __attribute__((noreturn)) reset_now(void)
{
	uart_flush();
	noinit_set_next_cause(HIL_RESET_SOFTWARE);
	request_system_reset();
}

void board_halt(void)
{
	qc_irq_mask();
	uart_rx_stop();
	clock_stop();
	/* Nothing is enabled or pending any more, so WFI really sleeps (QEMU idles at ~0 % CPU). */
	for (;;) {
		qc_wfi();
	}
}

void board_cpu_exception(const char *what)
{
	static const char banner[] = ">>> ZEPHYR FATAL ERROR 0: CPU exception on CPU 0\r\n"
				     "Halting system\r\n";

	qc_irq_mask();
	uart_write("\r\nE: ***** ", 11);
	uart_write(what, strlen(what));
	uart_write(" *****\r\n", 8);
	uart_write(banner, sizeof(banner) - 1);
	uart_flush();
	board_halt();
}

/* ---- what the shared model-board wiring needs from this board ------------------------- */

static void __attribute__((noreturn)) halt_now(void)
{
	uart_flush();
	board_halt();
}

static const struct mb_board qc_board = {
	.console_write = uart_write,
	.console_flush = uart_flush,
	.uptime_us = clock_uptime_us,
	.reset = reset_now,
	.halt = halt_now,
};

/* ---- the board's part of the port ------------------------------------------------------ */

static void port_power_cut(void)
{
	/* Power is gone: RAM does not survive, so the image store is scrambled (the core must
	 * re-instate images from storage); the storage keeps the half-done operation; the boot
	 * record still says "power-on", as armed at boot. */
	memset(image_store, 0xA5, sizeof(image_store));
	request_system_reset();
}

/* The board's part of the port; mb_init() adds the console half, main() the build id. */
static struct hil_port port = {
	.uptime_ms = clock_uptime_ms,
	.flash_read = storage_read,
	.flash_write = storage_program,
	.flash_erase = storage_erase,
	.flash = { .offset = 0, .size = STORAGE_SIZE, .erase_block = STORAGE_ERASE_BLOCK,
		   .write_block = STORAGE_WRITE_BLOCK },
	.power_cut = port_power_cut,
	.board = BOARD_NAME,
	.arch = "arm",
	.image_store = image_store,
	.image_store_size = sizeof(image_store),
};

/* ---- boot and main loop ---------------------------------------------------------------- */

static void log_boot(void)
{
	char buf[160];
	struct text t;

	mb_log_boot(&port, "upstream", HEAP_SIZE);
	if (build_id_overridden()) {
		text_init(&t, buf, sizeof(buf));
		text_str(&t, "build id ");
		text_str(&t, port.build_id);
		text_str(&t, " (override at 0x203ffff8)");
		ms_log(mb_shell(), MS_LOG_INF, "llext_hil", buf);
	}
}

static void boot_failed(const char *what)
{
	ms_log(mb_shell(), MS_LOG_ERR, "llext_hil", what);
	halt_now();
}

/* Zephyr's UART shell warns when its RX ring overflows; so does this one, at most once a
 * second, from the main loop (never in the middle of a command's output). */
static void log_rx_overflow(void)
{
	static uint32_t dropped_logged;
	static uint32_t last_log_ms;
	static bool logged_once;
	uint32_t dropped = ms_rx_dropped(mb_shell());
	uint32_t now = clock_uptime_ms();

	if (dropped != dropped_logged && (!logged_once || now - last_log_ms >= RX_DROP_LOG_MS)) {
		dropped_logged = dropped;
		last_log_ms = now;
		logged_once = true;
		ms_log(mb_shell(), MS_LOG_WRN, "shell_uart", "RX ring buffer full.");
	}
}

int main(void)
{
	storage_boot();
	port.build_id = build_id_boot();
	noinit_boot(&port.boot_count, &port.reset_cause);
	mb_init(&qc_board, &port, rx_ring, sizeof(rx_ring), false, false);
	clock_init();
	uart_init(mb_shell(), UART_BAUD); /* from here on the RX interrupt feeds the shell's ring */

	uart_write(BANNER, sizeof(BANNER) - 1);
	log_boot();

	if (mb_model_init(llext_heap, sizeof(llext_heap), MODEL_PROFILE_UPSTREAM) != 0) {
		boot_failed("the LLEXT model refused its heap");
	}
	if (hil_core_init(&port, model_backend()) != 0) {
		boot_failed("the HIL core refused the port (flash geometry?)");
	}
	/* The RX interrupt already feeds the shell's ring: announce readiness (no quiet period
	 * needed on the host), then the first prompt. */
	hil_core_announce_ready();
	ms_start(mb_shell());

	for (;;) {
		/* Woken by a received byte or by the 100 Hz tick: the tick is what lets the core
		 * end an upload whose host went silent (idle timeout) while the CPU sleeps. */
		hil_core_poll();
		ms_process(mb_shell());
		log_rx_overflow();

		qc_irq_mask();
		if (ms_rx_used(mb_shell()) == 0) {
			qc_wfi(); /* a byte that arrived after the check above is pending: no sleep */
		}
		qc_irq_unmask();
	}
}
