#include "uart.h"

#include "minishell/minishell.h"
#include "mps2_an385.h"
#include "../../qemu-test/cmsdk_uart_regs.h"

/* UART0's registers; the map is shared with the QEMU test firmware. */
#define UART_REG(off) QC_REG(QC_UART0_BASE + (off))

static struct ms_shell *rx_shell;

void uart_init(struct ms_shell *shell, uint32_t baud)
{
	uint32_t div = QC_SYSCLK_HZ / baud;

	rx_shell = shell;
	UART_REG(CMSDK_UART_BAUDDIV) = div < CMSDK_UART_BAUDDIV_MIN ? CMSDK_UART_BAUDDIV_MIN : div;
	UART_REG(CMSDK_UART_CTRL) = CMSDK_UART_CTRL_TX_EN | CMSDK_UART_CTRL_RX_EN | CMSDK_UART_CTRL_RX_INT_EN;
	/* One read of DATA right after enabling RX: it makes QEMU's model accept input from the
	 * chardev at once; without it the first byte the host sends arrives about 1 s late. */
	(void)UART_REG(CMSDK_UART_DATA);
	UART_REG(CMSDK_UART_INTCLEAR) = CMSDK_UART_INT_RX;
	QC_NVIC_ICPR0 = 1u << QC_UART0_RX_IRQ;
	QC_NVIC_ISER0 = 1u << QC_UART0_RX_IRQ;
}

void uart_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++) {
		while (UART_REG(CMSDK_UART_STATE) & CMSDK_UART_STATE_TX_FULL) {
			/* QEMU hands the byte to the socket at once unless the host stops reading. */
		}
		UART_REG(CMSDK_UART_DATA) = p[i];
	}
}

void uart_flush(void)
{
	while (UART_REG(CMSDK_UART_STATE) & CMSDK_UART_STATE_TX_FULL) {
	}
}

void uart_rx_stop(void)
{
	QC_NVIC_ICER0 = 1u << QC_UART0_RX_IRQ;
	UART_REG(CMSDK_UART_CTRL) = CMSDK_UART_CTRL_TX_EN;
	QC_NVIC_ICPR0 = 1u << QC_UART0_RX_IRQ;
}

void uart_rx_isr(void)
{
	/* Clear the latched interrupt first: a byte that arrives after the last look below
	 * raises it again, so nothing is left waiting without an interrupt. */
	UART_REG(CMSDK_UART_INTCLEAR) = CMSDK_UART_INT_RX;
	while (UART_REG(CMSDK_UART_STATE) & CMSDK_UART_STATE_RX_FULL) {
		uint8_t c = (uint8_t)(UART_REG(CMSDK_UART_DATA) & 0xFFu);

		(void)ms_rx_put(rx_shell, &c, 1); /* full ring: dropped and counted */
	}
}
