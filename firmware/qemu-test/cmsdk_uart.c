#include "cmsdk_uart.h"

#include "cmsdk_uart_regs.h"
#include "cortex_m3.h"

static volatile uint32_t *reg(const struct cmsdk_uart *uart, uint32_t offset)
{
    return (volatile uint32_t *)(uart->base + offset);
}

void cmsdk_uart_init(const struct cmsdk_uart *uart, uint32_t pclk_hz, uint32_t baud)
{
    uint32_t div = pclk_hz / baud;

    /* QEMU ignores a divider below 16 and then logs "Tx enabled with invalid baudrate". */
    *reg(uart, CMSDK_UART_BAUDDIV) = div < CMSDK_UART_BAUDDIV_MIN ? CMSDK_UART_BAUDDIV_MIN : div;
    *reg(uart, CMSDK_UART_CTRL) = CMSDK_UART_CTRL_TX_EN | CMSDK_UART_CTRL_RX_EN | CMSDK_UART_CTRL_RX_INT_EN;
    /*
     * One dummy read of DATA right after enabling RX: without it QEMU's model leaves the chardev
     * not polling for input and the first byte the host sends arrives about a second late.
     */
    (void)*reg(uart, CMSDK_UART_DATA);
    *reg(uart, CMSDK_UART_INTCLEAR) = CMSDK_UART_INT_RX;
    cm3_nvic_clear_pending(uart->rx_irq);
    cm3_nvic_enable(uart->rx_irq);
}

void cmsdk_uart_putc(const struct cmsdk_uart *uart, char c)
{
    while (*reg(uart, CMSDK_UART_STATE) & CMSDK_UART_STATE_TX_FULL) {
        /* QEMU drains TX at once unless the socket is full; a short spin is fine here. */
    }
    *reg(uart, CMSDK_UART_DATA) = (uint8_t)c;
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
    if (!(*reg(uart, CMSDK_UART_STATE) & CMSDK_UART_STATE_RX_FULL)) {
        return false;
    }
    *out = (char)(*reg(uart, CMSDK_UART_DATA) & 0xFFu);
    return true;
}

void cmsdk_uart_sleep_until_rx(const struct cmsdk_uart *uart)
{
    /*
     * Clear the latched RX interrupt, then the NVIC's pending bit, then look again: a byte that
     * arrives after the look re-raises the line, pends the IRQ and makes WFI return at once.
     */
    *reg(uart, CMSDK_UART_INTCLEAR) = CMSDK_UART_INT_RX;
    cm3_nvic_clear_pending(uart->rx_irq);
    if (*reg(uart, CMSDK_UART_STATE) & CMSDK_UART_STATE_RX_FULL) {
        return;
    }
    cm3_wait_for_interrupt();
}
