#include <string.h>

#include "flash_ops.h"
#include "hil_internal.h"

#if HIL_TEST_COMMANDS
/* A torn erase keeps at most this much of the block's second half (docs/context-format.md):
 * enough to show a half-erased block, small enough not to cost the board RAM. */
#define KEEP_MAX 64u

static uint32_t armed;      /* fault at this operation of the next save; 0 = none */
static uint32_t ops;        /* operations of the current save so far */
static bool counting;
static uint8_t keep[KEEP_MAX];

void hil_flash_fault_arm(uint32_t n) { armed = n; }
uint32_t hil_flash_fault_armed(void) { return armed; }

void hil_flash_save_begin(void)
{
	ops = 0;
	counting = true;
}

void hil_flash_save_end(void)
{
	counting = false;
	armed = 0;
}

/* true when this operation is the one to tear */
static bool next_op_is_fault(void)
{
	if (!counting) {
		return false;
	}
	ops++;
	return armed != 0 && ops == armed;
}

/* First half erased, second half as it was: erase the block, then program the kept
 * second half back (programming can only clear bits, which matches the old data). */
static void torn_erase(uint32_t off)
{
	uint32_t eb = hil_g_port->flash.erase_block;
	uint32_t wb = hil_g_port->flash.write_block;
	uint32_t half = eb / 2u;
	uint32_t n = half < KEEP_MAX ? half : KEEP_MAX;

	n = n / wb * wb;
	bool kept = n > 0 && hil_g_port->flash_read(off + half, keep, n) == 0;

	(void)hil_g_port->flash_erase(off, eb);
	if (kept) {
		(void)hil_g_port->flash_write(off + half, keep, n);
	}
	hil_g_port->power_cut();
}
#else
/* No test commands, nothing arms a fault: the fault branches below compile away. */
static bool next_op_is_fault(void) { return false; }
static void torn_erase(uint32_t off) { (void)off; }
#endif

int hil_flash_read(uint32_t off, void *dst, size_t len)
{
	return hil_g_port->flash_read(off, dst, len);
}

int hil_flash_write(uint32_t off, const void *src, size_t len)
{
	if (next_op_is_fault()) {
		uint32_t wb = hil_g_port->flash.write_block;
		size_t half = len / 2u / wb * wb;

		if (half > 0) {
			(void)hil_g_port->flash_write(off, src, half);
		}
		hil_g_port->power_cut();
		return -HIL_EIO; /* power_cut returned: a port bug, fail the save */
	}
	return hil_g_port->flash_write(off, src, len);
}

int hil_flash_erase(uint32_t off, size_t len)
{
	uint32_t eb = hil_g_port->flash.erase_block;

	for (size_t at = 0; at < len; at += eb) {
		if (next_op_is_fault()) {
			torn_erase(off + (uint32_t)at);
			return -HIL_EIO;
		}
		int rc = hil_g_port->flash_erase(off + (uint32_t)at, eb);

		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}
