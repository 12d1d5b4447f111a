/*
 * Vector table and reset handler. Unlike a minimal test program this one needs device
 * interrupts (UART0 RX) and SysTick, so the table holds all 16 system exceptions and the 32
 * device lines. Unexpected exceptions print a Zephyr-style fatal banner (so the host sees a
 * crash, not silence) and halt in WFI.
 */
#include <stdint.h>

#include "board.h"
#include "clock.h"
#include "mps2_an385.h"
#include "uart.h"

extern uint32_t __stack_top;
extern uint32_t __data_start, __data_end, __data_load;
extern uint32_t __bss_start, __bss_end;

int main(void);

void qc_reset_handler(void);
void qc_unexpected_handler(void);
void qc_hardfault_handler(void);

void __attribute__((noreturn)) qc_reset_handler(void)
{
	const uint32_t *src = &__data_load;

	for (uint32_t *dst = &__data_start; dst < &__data_end;) {
		*dst++ = *src++;
	}
	for (uint32_t *dst = &__bss_start; dst < &__bss_end;) {
		*dst++ = 0;
	}
	(void)main();
	board_halt();
}

void __attribute__((noreturn)) qc_hardfault_handler(void)
{
	board_cpu_exception("HardFault");
}

void __attribute__((noreturn)) qc_unexpected_handler(void)
{
	board_cpu_exception("unexpected exception");
}

typedef void (*qc_vector)(void);

__attribute__((section(".vectors"), used)) static const qc_vector qc_vectors[16 + QC_NUM_IRQS] = {
	[0] = (qc_vector)&__stack_top,
	[1] = qc_reset_handler,
	[2] = qc_unexpected_handler, /* NMI */
	[3] = qc_hardfault_handler,
	[4] = qc_hardfault_handler,  /* MemManage */
	[5] = qc_hardfault_handler,  /* BusFault */
	[6] = qc_hardfault_handler,  /* UsageFault */
	[11] = qc_unexpected_handler, /* SVCall */
	[12] = qc_unexpected_handler, /* DebugMonitor */
	[14] = qc_unexpected_handler, /* PendSV */
	[15] = clock_tick_isr,
	/* Device lines: only UART0 RX is enabled; a stray one still lands somewhere defined. */
	[16 + QC_UART0_RX_IRQ] = uart_rx_isr,
	[17] = qc_unexpected_handler, [18] = qc_unexpected_handler, [19] = qc_unexpected_handler,
	[20] = qc_unexpected_handler, [21] = qc_unexpected_handler, [22] = qc_unexpected_handler,
	[23] = qc_unexpected_handler, [24] = qc_unexpected_handler, [25] = qc_unexpected_handler,
	[26] = qc_unexpected_handler, [27] = qc_unexpected_handler, [28] = qc_unexpected_handler,
	[29] = qc_unexpected_handler, [30] = qc_unexpected_handler, [31] = qc_unexpected_handler,
	[32] = qc_unexpected_handler, [33] = qc_unexpected_handler, [34] = qc_unexpected_handler,
	[35] = qc_unexpected_handler, [36] = qc_unexpected_handler, [37] = qc_unexpected_handler,
	[38] = qc_unexpected_handler, [39] = qc_unexpected_handler, [40] = qc_unexpected_handler,
	[41] = qc_unexpected_handler, [42] = qc_unexpected_handler, [43] = qc_unexpected_handler,
	[44] = qc_unexpected_handler, [45] = qc_unexpected_handler, [46] = qc_unexpected_handler,
	[47] = qc_unexpected_handler,
};
/* The table above lists exactly 32 device lines. */
typedef char qc_vector_table_lists_all_irqs[(QC_NUM_IRQS == 32u) ? 1 : -1];
