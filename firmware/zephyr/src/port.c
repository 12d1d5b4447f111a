/*
 * The Zephyr port of the HIL core (struct hil_port) and the `hil` shell command.
 *
 * Thin on purpose: console output through the shell that ran the command, bypass through
 * shell_set_bypass(), flash through the flash map on storage_partition, resets through
 * sys_reboot(). The core is single-threaded; the shell thread (commands, bypass bytes) and
 * the system work queue (the data-mode idle poll) both enter it under core_lock.
 */
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/version.h>
#include <zephyr/shell/shell.h>
#include <zephyr/shell/shell_uart.h>
#include <zephyr/storage/flash_map.h>
#include <zephyr/drivers/flash.h>
#include <zephyr/drivers/hwinfo.h>
#include <zephyr/sys/reboot.h>
#include <zephyr/logging/log.h>

#include "hil/core.h"
#include "glue.h"
#include "llext_hil_build.h"

LOG_MODULE_REGISTER(llext_hil, LOG_LEVEL_INF);

#define STORAGE_ID FIXED_PARTITION_ID(storage_partition)

/* shell_set_bypass() gained a user-data argument in v4.4.0 (migration guide 4.4, Shell). */
#if (KERNEL_VERSION_MAJOR > 4) || (KERNEL_VERSION_MAJOR == 4 && KERNEL_VERSION_MINOR >= 4)
#define HIL_BYPASS_HAS_USER_DATA 1
#else
#define HIL_BYPASS_HAS_USER_DATA 0
#endif

#ifdef CONFIG_SHELL_BACKEND_SERIAL_RX_RING_BUFFER_SIZE
#define HIL_RX_BUF CONFIG_SHELL_BACKEND_SERIAL_RX_RING_BUFFER_SIZE
#else
#define HIL_RX_BUF 64
#endif

/* The image store: no-init RAM at a fixed address in a given build, so an image that
 * `ctx restore` re-instates lands where the saved struct llext copies point. */
static uint8_t image_store[CONFIG_LLEXT_HIL_IMAGE_STORE_SIZE] __noinit __aligned(16);

/* Survives a warm reset: boot counter and why we reset ourselves last time. */
#define NOINIT_MAGIC 0x48494C42u /* "HILB" */
enum own_reset { OWN_RESET_NONE = 0, OWN_RESET_SOFTWARE = 0x5357u, OWN_RESET_POWER_CUT = 0x5043u };
static struct {
	uint32_t magic;
	uint32_t boot_count;
	uint32_t own_reset;
	uint32_t check;   /* ~(magic ^ boot_count ^ own_reset) */
} boot_state __noinit;

static const struct flash_area *storage;
static const struct shell *current_shell;
static bool core_ready;   /* hil_core_init succeeded */
static K_MUTEX_DEFINE(core_lock);
static struct hil_port port;

static void poll_handler(struct k_work *work);
static K_WORK_DELAYABLE_DEFINE(poll_work, poll_handler);
static void ready_handler(struct k_work *work);
static K_WORK_DELAYABLE_DEFINE(ready_work, ready_handler);

/* ---- console ---------------------------------------------------------------------- */

static void port_write(const char *buf, size_t len)
{
	const struct shell *sh = current_shell;
	size_t body = len;
	bool newline = false;

	if (sh == NULL) {
		return;
	}
	/* The core ends lines with CRLF. A UART shell (SHELL_FLAG_OLF_CRLF) turns every '\n'
	 * into "\r\n" itself (shell_fprintf.c), so hand it the line with a bare '\n'. */
	if (sh->shell_flag == SHELL_FLAG_OLF_CRLF && len >= 2 && buf[len - 2] == '\r' &&
	    buf[len - 1] == '\n') {
		body = len - 2;
		newline = true;
	}
	shell_fprintf(sh, SHELL_NORMAL, "%.*s%s", (int)body, buf, newline ? "\n" : "");
}

static void port_flush(void)
{
	/* No public API drains a shell transport; give the UART time to send the result
	 * line of `reset` (about 10 ms at 115200 baud) before the core resets. */
	k_msleep(CONFIG_LLEXT_HIL_RESET_DRAIN_MS);
}

static uint32_t port_uptime_ms(void)
{
	return k_uptime_get_32();
}

/* ---- flash ------------------------------------------------------------------------ */

static int port_flash_read(uint32_t off, void *dst, size_t len)
{
	return flash_area_read(storage, (off_t)off, dst, len);
}

static int port_flash_write(uint32_t off, const void *src, size_t len)
{
	return flash_area_write(storage, (off_t)off, src, len);
}

static int port_flash_erase(uint32_t off, size_t len)
{
	return flash_area_erase(storage, (off_t)off, len);
}

static int flash_geometry(struct hil_flash_geometry *g)
{
	static struct flash_sector sectors[CONFIG_LLEXT_HIL_MAX_SECTORS];
	uint32_t count = ARRAY_SIZE(sectors);
	uint32_t erase = 0;
	const struct device *dev;
	int rc;

	rc = flash_area_open(STORAGE_ID, &storage);
	if (rc != 0) {
		return rc;
	}
	rc = flash_area_get_sectors(STORAGE_ID, &count, sectors);
	if (rc != 0) {
		return rc;
	}
	for (uint32_t i = 0; i < count; i++) {
		erase = MAX(erase, (uint32_t)sectors[i].fs_size);
	}
	dev = flash_area_get_device(storage);
	if (dev == NULL || !device_is_ready(dev)) {
		return -ENODEV;
	}
	g->offset = (uint32_t)storage->fa_off;
	g->size = (uint32_t)storage->fa_size;
	g->erase_block = erase;
	g->write_block = (uint32_t)flash_get_write_block_size(dev);
	return 0;
}

/* ---- resets ----------------------------------------------------------------------- */

static void boot_state_seal(void)
{
	boot_state.check = ~(boot_state.magic ^ boot_state.boot_count ^ boot_state.own_reset);
}

static bool boot_state_valid(void)
{
	return boot_state.magic == NOINIT_MAGIC &&
	       boot_state.check == ~(boot_state.magic ^ boot_state.boot_count ^ boot_state.own_reset);
}

static void reboot_marked(enum own_reset why, int type)
{
	boot_state.own_reset = why;
	boot_state_seal();
	sys_reboot(type);
}

static void port_reset(bool cold)
{
	reboot_marked(OWN_RESET_SOFTWARE, cold ? SYS_REBOOT_COLD : SYS_REBOOT_WARM);
}

static void port_power_cut(void)
{
	/* Emulated: a cold reboot right now, with nothing flushed. */
	reboot_marked(OWN_RESET_POWER_CUT, SYS_REBOOT_COLD);
}

static enum hil_reset_cause cause_from_hwinfo(void)
{
	uint32_t flags = 0;

	if (hwinfo_get_reset_cause(&flags) != 0 || flags == 0U) {
		return HIL_RESET_UNKNOWN;
	}
	(void)hwinfo_clear_reset_cause();
	if (flags & RESET_WATCHDOG) {
		return HIL_RESET_WATCHDOG;
	}
	if (flags & RESET_SOFTWARE) {
		return HIL_RESET_SOFTWARE;
	}
	if (flags & RESET_PIN) {
		return HIL_RESET_PIN;
	}
	if (flags & (RESET_POR | RESET_BROWNOUT)) {
		return HIL_RESET_POWER_ON;
	}
	return HIL_RESET_UNKNOWN;
}

/* Count this boot and decide why it happened: our own marker first (a `reset` or an
 * emulated power cut is known exactly), then hwinfo, then "power-on" when no-init RAM held
 * garbage (it does after a real power cycle). */
static void count_boot(void)
{
	enum hil_reset_cause hw = cause_from_hwinfo();

	if (!boot_state_valid()) {
		boot_state.magic = NOINIT_MAGIC;
		boot_state.boot_count = 1;
		port.reset_cause = (hw == HIL_RESET_UNKNOWN) ? HIL_RESET_POWER_ON : hw;
	} else {
		boot_state.boot_count++;
		if (boot_state.own_reset == OWN_RESET_SOFTWARE) {
			port.reset_cause = HIL_RESET_SOFTWARE;
		} else if (boot_state.own_reset == OWN_RESET_POWER_CUT) {
			port.reset_cause = HIL_RESET_POWER_ON;
		} else {
			port.reset_cause = hw;
		}
	}
	boot_state.own_reset = OWN_RESET_NONE;
	boot_state_seal();
	port.boot_count = boot_state.boot_count;
}

/* ---- bypass and the idle poll ----------------------------------------------------- */

#if HIL_BYPASS_HAS_USER_DATA
static void bypass_bytes(const struct shell *sh, uint8_t *data, size_t len, void *user_data)
{
	ARG_UNUSED(user_data);
#else
static void bypass_bytes(const struct shell *sh, uint8_t *data, size_t len)
{
#endif
	k_mutex_lock(&core_lock, K_FOREVER);
	current_shell = sh;
	hil_core_bypass_bytes(data, len);
	k_mutex_unlock(&core_lock);
}

static void port_bypass(bool on)
{
	const struct shell *sh = current_shell;

	if (sh == NULL) {
		return;
	}
#if HIL_BYPASS_HAS_USER_DATA
	shell_set_bypass(sh, on ? bypass_bytes : NULL, NULL);
#else
	shell_set_bypass(sh, on ? bypass_bytes : NULL);
#endif
	if (on) {
		k_work_schedule(&poll_work, K_MSEC(CONFIG_LLEXT_HIL_POLL_MS));
	}
}

static void poll_handler(struct k_work *work)
{
	bool ended;

	ARG_UNUSED(work);
	k_mutex_lock(&core_lock, K_FOREVER);
	if (!hil_core_in_data_mode()) {
		k_mutex_unlock(&core_lock);
		return;
	}
	hil_core_poll();
	ended = !hil_core_in_data_mode();
	k_mutex_unlock(&core_lock);
	if (ended && current_shell != NULL) {
		/* Data mode ended outside the shell thread (idle timeout): the shell prints its
		 * prompt again after output that is not part of a command, as after a log line. */
		shell_fprintf(current_shell, SHELL_NORMAL, "%s", "");
	} else if (!ended) {
		k_work_schedule(&poll_work, K_MSEC(CONFIG_LLEXT_HIL_POLL_MS));
	}
}

/* ---- readiness -------------------------------------------------------------------- */

/* The UART shell starts its own thread after SYS_INIT; once it is active (it takes input and
 * has printed its prompt) the core announces readiness through it, so the host needs no
 * quiet period. shell_fprintf() erases and reprints the prompt around the line. */
static void ready_handler(struct k_work *work)
{
	const struct shell *sh = shell_backend_uart_get_ptr();

	ARG_UNUSED(work);
	if (sh == NULL || sh->ctx == NULL || sh->ctx->state != SHELL_STATE_ACTIVE) {
		k_work_schedule(&ready_work, K_MSEC(5));
		return;
	}
	k_mutex_lock(&core_lock, K_FOREVER);
	current_shell = sh;
	hil_core_announce_ready();
	k_mutex_unlock(&core_lock);
}

/* ---- the `hil` command ------------------------------------------------------------ */

static int cmd_hil(const struct shell *sh, size_t argc, char **argv)
{
	if (!core_ready) {
		shell_error(sh, "hil: not initialised (see the boot log)");
		return -ENODEV;
	}
	k_mutex_lock(&core_lock, K_FOREVER);
	current_shell = sh;
	/* Zephyr hands the root word as argv[0]; the core wants the words after it. The
	 * result line carries the rc, so the shell itself is always told "done". */
	(void)hil_core_command((int)argc - 1, argv + 1);
	k_mutex_unlock(&core_lock);
	return 0;
}

SHELL_CMD_ARG_REGISTER(hil, NULL, "LLEXT HIL bridge: hil [@id] <command> ... (docs/protocol.md)",
		       cmd_hil, 1, SHELL_OPT_ARG_CHECK_SKIP);

/* ---- boot ------------------------------------------------------------------------- */

static int llext_hil_init(void)
{
	int rc;

	port.write = port_write;
	port.flush = port_flush;
	port.uptime_ms = port_uptime_ms;
	port.flash_read = port_flash_read;
	port.flash_write = port_flash_write;
	port.flash_erase = port_flash_erase;
	port.reset = port_reset;
	port.power_cut = port_power_cut;
	port.bypass = port_bypass;
	port.board = LLEXT_HIL_BOARD;
	port.arch = CONFIG_ARCH;
	port.zephyr_version = KERNEL_VERSION_STRING;
	port.build_id = LLEXT_HIL_BUILD_ID;
	port.image_store = image_store;
	port.image_store_size = sizeof(image_store);
	port.rx_buf = HIL_RX_BUF;
	port.test_commands = IS_ENABLED(CONFIG_LLEXT_HIL_TEST);

	count_boot();
	rc = flash_geometry(&port.flash);
	if (rc != 0) {
		LOG_ERR("storage_partition unusable (%d): `hil` commands are disabled", rc);
		return 0;
	}
	rc = hil_core_init(&port, hil_zephyr_backend());
	if (rc != 0) {
		LOG_ERR("hil_core_init failed (%d)", rc);
		return 0;
	}
	core_ready = true;
	k_work_schedule(&ready_work, K_NO_WAIT);
	return 0;
}

SYS_INIT(llext_hil_init, APPLICATION, CONFIG_APPLICATION_INIT_PRIORITY);
