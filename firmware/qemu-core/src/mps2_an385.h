/*
 * The facts about QEMU's mps2-an385 machine (Cortex-M3) and the Cortex-M3 system registers
 * that the QEMU core uses. One place for every address, so the drivers stay readable.
 */
#ifndef QC_MPS2_AN385_H
#define QC_MPS2_AN385_H

#include <stdint.h>

#define QC_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* The FPGA system clock; it drives the CPU, SysTick (processor clock) and the UART divider. */
#define QC_SYSCLK_HZ 25000000u

/* CMSDK APB UART0, wired by QEMU to the first -serial. RX interrupt = IRQ 0 (QEMU wires
 * UART n's RX to IRQ 2n and its TX to 2n+1). */
#define QC_UART0_BASE   0x40004000u
#define QC_UART0_RX_IRQ 0u

/* Device interrupt lines QEMU gives this machine's NVIC. */
#define QC_NUM_IRQS 32u

/* Cortex-M3 system control space. */
#define QC_SYST_CSR QC_REG(0xE000E010u) /* SysTick control and status */
#define QC_SYST_RVR QC_REG(0xE000E014u) /* reload value */
#define QC_SYST_CVR QC_REG(0xE000E018u) /* current value (counts down) */
#define QC_NVIC_ISER0 QC_REG(0xE000E100u)
#define QC_NVIC_ICER0 QC_REG(0xE000E180u)
#define QC_NVIC_ICPR0 QC_REG(0xE000E280u)
#define QC_SCB_ICSR QC_REG(0xE000ED04u)
#define QC_SCB_AIRCR QC_REG(0xE000ED0Cu)

#define QC_SYST_CSR_ENABLE    (1u << 0)
#define QC_SYST_CSR_TICKINT   (1u << 1)
#define QC_SYST_CSR_CLKSOURCE (1u << 2) /* 1 = processor clock */
#define QC_SCB_ICSR_PENDSTCLR (1u << 25)
#define QC_AIRCR_VECTKEY      (0x05FAu << 16)
#define QC_AIRCR_SYSRESETREQ  (1u << 2)

/* PRIMASK = 1: no handler runs, but a pending enabled interrupt still ends WFI (ARMv7-M). */
static inline void qc_irq_mask(void) { __asm volatile("cpsid i" ::: "memory"); }
static inline void qc_irq_unmask(void) { __asm volatile("cpsie i" ::: "memory"); }
static inline void qc_wfi(void) { __asm volatile("wfi" ::: "memory"); }
static inline void qc_dsb(void) { __asm volatile("dsb" ::: "memory"); }

#endif
