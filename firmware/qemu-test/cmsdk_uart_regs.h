/*
 * The ARM CMSDK APB UART register map (ARM DDI0479), as QEMU's cmsdk-apb-uart models it:
 * register offsets from the block's base and their bits. Shared by this test firmware's
 * driver and the QEMU core (firmware/qemu-core/src/uart.c).
 */
#ifndef CMSDK_UART_REGS_H
#define CMSDK_UART_REGS_H

#define CMSDK_UART_DATA     0x00u
#define CMSDK_UART_STATE    0x04u
#define CMSDK_UART_CTRL     0x08u
#define CMSDK_UART_INTCLEAR 0x0Cu /* write: clear; read: INTSTATUS */
#define CMSDK_UART_BAUDDIV  0x10u

#define CMSDK_UART_STATE_TX_FULL  (1u << 0)
#define CMSDK_UART_STATE_RX_FULL  (1u << 1)
#define CMSDK_UART_CTRL_TX_EN     (1u << 0)
#define CMSDK_UART_CTRL_RX_EN     (1u << 1)
#define CMSDK_UART_CTRL_RX_INT_EN (1u << 3)
#define CMSDK_UART_INT_RX         (1u << 1)

/* QEMU refuses a smaller divider ("Tx enabled with invalid baudrate"). */
#define CMSDK_UART_BAUDDIV_MIN 16u

#endif
