/*
 * The few Cortex-M3 core registers and instructions bare-metal code needs: interrupt masking,
 * the NVIC, sleeping with WFI and asking for a system reset. Header-only, no vendor CMSIS.
 */
#ifndef CORTEX_M3_H
#define CORTEX_M3_H

#include <stdint.h>

#define CM3_REG(addr) (*(volatile uint32_t *)(addr))

#define CM3_NVIC_ISER0 CM3_REG(0xE000E100u) /* set-enable, IRQ 0..31 */
#define CM3_NVIC_ICPR0 CM3_REG(0xE000E280u) /* clear-pending, IRQ 0..31 */
#define CM3_SCB_AIRCR CM3_REG(0xE000ED0Cu)

#define CM3_AIRCR_VECTKEY (0x05FAu << 16)
#define CM3_AIRCR_SYSRESETREQ (1u << 2)

/* PRIMASK=1: no handler runs, but a pending enabled IRQ still wakes WFI (ARMv7-M rule). */
static inline void cm3_mask_irqs(void) { __asm volatile("cpsid i" ::: "memory"); }

static inline void cm3_unmask_irqs(void) { __asm volatile("cpsie i" ::: "memory"); }

static inline void cm3_wait_for_interrupt(void) { __asm volatile("wfi" ::: "memory"); }

static inline void cm3_nvic_enable(uint32_t irq) { CM3_NVIC_ISER0 = 1u << irq; }

static inline void cm3_nvic_clear_pending(uint32_t irq) { CM3_NVIC_ICPR0 = 1u << irq; }

/* Asks the system for a reset (QEMU reports it as a guest reset on QMP) and never returns. */
static inline void __attribute__((noreturn)) cm3_system_reset(void)
{
    __asm volatile("dsb" ::: "memory");
    CM3_SCB_AIRCR = CM3_AIRCR_VECTKEY | CM3_AIRCR_SYSRESETREQ;
    __asm volatile("dsb" ::: "memory");
    for (;;) {
        cm3_wait_for_interrupt();
    }
}

#endif
