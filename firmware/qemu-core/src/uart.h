/*
 * CMSDK APB UART0 as QEMU models it: polled TX, interrupt-driven RX into the minishell's ring.
 *
 * The UART holds one received byte; while it is unread QEMU keeps the next ones in the
 * socket, so the RX interrupt only has to move bytes into the shell's ring buffer. When that
 * ring is full the byte is dropped and counted, as Zephyr's UART shell backend does.
 */
#ifndef QC_UART_H
#define QC_UART_H

#include <stddef.h>
#include <stdint.h>

struct ms_shell;

/* Enables TX and RX (8N1 at `baud`), the RX interrupt and its NVIC line. Received bytes go to
 * `shell` (ms_rx_put) from then on. */
void uart_init(struct ms_shell *shell, uint32_t baud);

/* Writes bytes verbatim (no newline translation), waiting while the transmitter is full. */
void uart_write(const void *buf, size_t len);

/* Waits until the last byte written has left the UART (before a reset). */
void uart_flush(void);

/* Stops receiving: the RX interrupt is disabled in the UART and the NVIC (a halted CPU). */
void uart_rx_stop(void);

/* The RX interrupt handler (vector table). */
void uart_rx_isr(void);

#endif
