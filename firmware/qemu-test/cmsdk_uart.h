/*
 * Driver for the ARM CMSDK APB UART (as modelled by QEMU's cmsdk-apb-uart): polled TX, RX with
 * a one-byte hardware buffer, and a way to sleep until a byte arrives.
 *
 * The UART has no FIFO: while a received byte is unread, QEMU holds the next ones back, so a
 * slow reader loses nothing.
 */
#ifndef CMSDK_UART_H
#define CMSDK_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cmsdk_uart {
    uintptr_t base;  /* register block, e.g. MPS2_UART0_BASE */
    uint32_t rx_irq; /* NVIC line of the RX interrupt, used only to wake WFI */
};

/* Enables TX and RX at `baud` (8N1) and arms the RX interrupt as a wake-up source. */
void cmsdk_uart_init(const struct cmsdk_uart *uart, uint32_t pclk_hz, uint32_t baud);

void cmsdk_uart_putc(const struct cmsdk_uart *uart, char c);

/* Writes a NUL-terminated string; '\n' is sent as "\r\n" like a terminal expects. */
void cmsdk_uart_puts(const struct cmsdk_uart *uart, const char *s);

/* Returns true and stores a byte if one is waiting; never blocks. */
bool cmsdk_uart_try_getc(const struct cmsdk_uart *uart, char *out);

/*
 * Sleeps in WFI until a byte is waiting. Must be called with interrupts masked (PRIMASK=1):
 * the RX interrupt is then only a wake-up signal, and no handler is needed.
 */
void cmsdk_uart_sleep_until_rx(const struct cmsdk_uart *uart);

#endif
