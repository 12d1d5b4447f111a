#include "cmsdk_uart.h"

#include "cortex_m3.h"

/* Register offsets and bits, from the CMSDK technical reference manual (ARM DDI0479). */
#define UART_DATA 0x00u
#define UART_STATE 0x04u
#define UART_CTRL 0x08u
#define UART_INTCLEAR 0x0Cu
#define UART_BAUDDIV 0x10u

#define STATE_TX_FULL (1u << 0)
#define STATE_RX_FULL (1u << 1)
#define CTRL_TX_EN (1u << 0)
#define CTRL_RX_EN (1u << 1)
#define CTRL_RX_INT_EN (1u << 3)
#define INT_RX (1u << 1)

#define UART_MIN_BAUDDIV 16u

static volatile uint32_t *reg(const struct cmsdk_uart *uart, uint32_t offset)
{
    return (volatile uint32_t *)(uart->base + offset);
}

void cmsdk_uart_init(const struct cmsdk_uart *uart, uint32_t pclk_hz, uint32_t baud)
{
    uint32_t div = pclk_hz / baud;

    /* QEMU ignores a divider below 16 and then logs "Tx enabled with invalid baudrate". */
    *reg(uart, UART_BAUDDIV) = div < UART_MIN_BAUDDIV ? UART_MIN_BAUDDIV : div;
    *reg(uart, UART_CTRL) = CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_INT_EN;
    /*
     * One dummy read of DATA right after enabling RX: without it QEMU's model leaves the chardev
     * not polling for input and the first byte the host sends arrives about a second late.
     */
    (void)*reg(uart, UART_DATA);
    *reg(uart, UART_INTCLEAR) = INT_RX;
    cm3_nvic_clear_pending(uart->rx_irq);
    cm3_nvic_enable(uart->rx_irq);
}

void cmsdk_uart_putc(const struct cmsdk_uart *uart, char c)
{
    while (*reg(uart, UART_STATE) & STATE_TX_FULL) {
        /* QEMU drains TX at once unless the socket is full; a short spin is fine here. */
    }
    *reg(uart, UART_DATA) = (uint8_t)c;
}

void cmsdk_uart_puts(const struct cmsdk_uart *uart, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            cmsdk_uart_putc(uart, '\r');
        }
        cmsdk_uart_putc(uart, *s);
    }
}

bool cmsdk_uart_try_getc(const struct cmsdk_uart *uart, char *out)
{
    if (!(*reg(uart, UART_STATE) & STATE_RX_FULL)) {
        return false;
    }
    *out = (char)(*reg(uart, UART_DATA) & 0xFFu);
    return true;
}

void cmsdk_uart_sleep_until_rx(const struct cmsdk_uart *uart)
{
    /*
     * Clear the latched RX interrupt, then the NVIC's pending bit, then look again: a byte that
     * arrives after the look re-raises the line, pends the IRQ and makes WFI return at once.
     */
    *reg(uart, UART_INTCLEAR) = INT_RX;
    cm3_nvic_clear_pending(uart->rx_irq);
    if (*reg(uart, UART_STATE) & STATE_RX_FULL) {
        return;
    }
    cm3_wait_for_interrupt();
}
