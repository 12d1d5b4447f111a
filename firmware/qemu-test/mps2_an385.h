/*
 * Facts about QEMU's mps2-an385 machine (Cortex-M3) that the bare-metal code needs.
 * Reusable: anything that runs on this machine includes this instead of repeating numbers.
 */
#ifndef MPS2_AN385_H
#define MPS2_AN385_H

#include <stdint.h>

/* The FPGA's system clock; the CMSDK UART divides it to get its baud rate. */
#define MPS2_SYSCLK_HZ 25000000u

/* CMSDK APB UART0, the one QEMU wires to the first -serial. */
#define MPS2_UART0_BASE 0x40004000u
/* QEMU wires UART n's RX interrupt to IRQ 2n and its TX interrupt to IRQ 2n+1. */
#define MPS2_UART0_RX_IRQ 0u

#endif
