/*
 * Vector table and reset handler for a freestanding Cortex-M3 program: sets up .data and .bss
 * (symbols from mps2_an385.ld) and calls main(). Every fault parks the core in WFI, so a crash
 * shows up as silence on the console rather than as a core spinning at 100 %.
 */
#include <stdint.h>

#include "cortex_m3.h"

extern uint32_t __stack_top;
extern uint32_t __data_start, __data_end, __data_load;
extern uint32_t __bss_start, __bss_end;

int main(void);

void cm3_reset_handler(void);
void cm3_fault_handler(void);

void __attribute__((noreturn)) cm3_reset_handler(void)
{
    const uint32_t *src = &__data_load;
    for (uint32_t *dst = &__data_start; dst < &__data_end;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &__bss_start; dst < &__bss_end;) {
        *dst++ = 0;
    }
    (void)main();
    for (;;) {
        cm3_wait_for_interrupt();
    }
}

void __attribute__((noreturn)) cm3_fault_handler(void)
{
    cm3_mask_irqs();
    for (;;) {
        cm3_wait_for_interrupt();
    }
}

/*
 * Initial SP, then the 15 system exceptions (NMI, HardFault, ...). Device IRQs are left out:
 * the programs here keep interrupts masked and use them only to wake WFI.
 */
__attribute__((section(".vectors"), used)) static void (*const cm3_vectors[16])(void) = {
    (void (*)(void))&__stack_top,
    cm3_reset_handler,
    cm3_fault_handler, /* NMI */
    cm3_fault_handler, /* HardFault */
    cm3_fault_handler, /* MemManage */
    cm3_fault_handler, /* BusFault */
    cm3_fault_handler, /* UsageFault */
    0, 0, 0, 0,        /* reserved */
    cm3_fault_handler, /* SVCall */
    cm3_fault_handler, /* DebugMonitor */
    0,                 /* reserved */
    cm3_fault_handler, /* PendSV */
    cm3_fault_handler, /* SysTick */
};
