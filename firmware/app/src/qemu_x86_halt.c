/*
 * qemu_x86 only: halt on a fatal error instead of asking QEMU to exit.
 *
 * Zephyr's qemu_x86 arch_system_halt() writes to the isa-debug-exit port, expecting QEMU to
 * end. The llext-hil QEMU link runs without that device (the host must reset a crashed
 * board and carry on, docs/zephyr.md D7), so the write does nothing and the CPU runs on past
 * the halt into whatever follows: more exceptions, and a QMP system_reset that no longer
 * brought the board back (D10). This handler prints what the default one prints and then
 * really halts, so the host sees the fatal error and its hard reset reboots the board.
 */
#include <zephyr/kernel.h>
#include <zephyr/fatal.h>
#include <zephyr/logging/log.h>
#include <zephyr/logging/log_ctrl.h>
#include <zephyr/version.h>

LOG_MODULE_REGISTER(llext_hil_halt, LOG_LEVEL_ERR);

/* the exception frame type was renamed in v3.7 (z_arch_esf_t -> struct arch_esf) */
#if KERNEL_VERSION_NUMBER >= 0x030700
typedef struct arch_esf llext_hil_esf_t;
#else
typedef z_arch_esf_t llext_hil_esf_t;
#endif

void k_sys_fatal_error_handler(unsigned int reason, const llext_hil_esf_t *esf)
{
	ARG_UNUSED(reason);
	ARG_UNUSED(esf);

	LOG_PANIC();
	LOG_ERR("Halting system");
	(void)arch_irq_lock();
	for (;;) {
		__asm__ volatile("hlt");
	}
}
