#include "modelboard/modelboard.h"

#include "hil/core.h"
#include "modelboard/text.h"

static struct {
	const struct mb_board *board;
	struct ms_shell shell;
	bool reboot_on_fatal;
} mb;

/* ---- shell hooks ---------------------------------------------------------------------- */

static void shell_write(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	mb.board->console_write(buf, len);
}

static int shell_hil(void *ctx, int argc, char **argv)
{
	(void)ctx;
	return hil_core_command(argc - 1, argv + 1); /* the core takes the words after `hil` */
}

static void shell_bypass(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	hil_core_bypass_bytes(buf, len);
}

static void shell_reboot(void *ctx, bool cold)
{
	(void)ctx;
	(void)cold; /* both boards reset the whole system either way */
	mb.board->reset();
}

static uint64_t shell_uptime_us(void *ctx)
{
	(void)ctx;
	return mb.board->uptime_us();
}

/* ---- the console half of the port ------------------------------------------------------ */

static void port_write(const char *buf, size_t len)
{
	ms_write(&mb.shell, buf, len); /* verbatim; the shell keeps track of the cursor */
}

static void port_flush(void)
{
	mb.board->console_flush();
}

static void port_reset(bool cold)
{
	(void)cold;
	mb.board->reset();
}

static void port_bypass(bool on)
{
	ms_set_bypass(&mb.shell, on);
}

/* ---- fatal errors ---------------------------------------------------------------------- */

static void on_model_fatal(const struct model_assert_info *info)
{
	ms_fatal_assert(&mb.shell, info->expr, info->file, info->line, info->message);
	if (mb.reboot_on_fatal) {
		mb.board->reset();
	}
	ms_fatal_halt(&mb.shell);
	mb.board->halt();
}

/* ---- setup ----------------------------------------------------------------------------- */

void mb_init(const struct mb_board *board, struct hil_port *port, uint8_t *rx_ring,
	     uint32_t rx_size, bool color, bool reboot_on_fatal)
{
	static const struct ms_hooks hooks = {
		.write = shell_write,
		.hil = shell_hil,
		.bypass = shell_bypass,
		.reboot = shell_reboot,
		.uptime_us = shell_uptime_us,
	};

	mb.board = board;
	mb.reboot_on_fatal = reboot_on_fatal;
	ms_init(&mb.shell, &hooks, NULL, rx_ring, rx_size, color);

	port->write = port_write;
	port->flush = port_flush;
	port->reset = port_reset;
	port->bypass = port_bypass;
	port->zephyr_version = "4.2.0";
	port->rx_buf = rx_size;
	port->test_commands = true;
}

struct ms_shell *mb_shell(void)
{
	return &mb.shell;
}

int mb_model_init(void *heap, size_t heap_size, enum model_profile profile)
{
	const struct model_config mc = {
		.heap = heap,
		.heap_size = heap_size,
		.profile = profile,
		.fatal = on_model_fatal,
	};

	return model_init(&mc);
}

/* ---- boot log -------------------------------------------------------------------------- */

const char *mb_cause_name(enum hil_reset_cause cause)
{
	switch (cause) {
	case HIL_RESET_POWER_ON: return "power-on";
	case HIL_RESET_SOFTWARE: return "software";
	case HIL_RESET_PIN:      return "pin";
	case HIL_RESET_WATCHDOG: return "watchdog";
	default:                 return "unknown";
	}
}

void mb_log_boot(const struct hil_port *port, const char *profile, uint32_t heap_size)
{
	char buf[160];
	struct text t;

	text_init(&t, buf, sizeof(buf));
	text_str(&t, "boot ");
	text_u32(&t, port->boot_count);
	text_str(&t, ", reset cause ");
	text_str(&t, mb_cause_name(port->reset_cause));
	text_str(&t, ", profile ");
	text_str(&t, profile);
	ms_log(&mb.shell, MS_LOG_INF, "llext_hil", buf);

	text_init(&t, buf, sizeof(buf));
	text_str(&t, "board ");
	text_str(&t, port->board);
	text_str(&t, ", flash ");
	text_u32(&t, port->flash.size);
	text_str(&t, " bytes (erase ");
	text_u32(&t, port->flash.erase_block);
	text_str(&t, ", write ");
	text_u32(&t, port->flash.write_block);
	text_str(&t, "), heap ");
	text_u32(&t, heap_size);
	text_str(&t, ", rx-buf ");
	text_u32(&t, (uint32_t)port->rx_buf);
	ms_log(&mb.shell, MS_LOG_INF, "llext_hil", buf);
}
