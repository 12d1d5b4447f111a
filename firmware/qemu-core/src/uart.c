#include "uart.h"

#include "minishell/minishell.h"
#include "mps2_an385.h"

/* Register offsets and bits (ARM DDI0479, CMSDK APB UART). */
#define UART_DATA     QC_REG(QC_UART0_BASE + 0x00u)
#define UART_STATE    QC_REG(QC_UART0_BASE + 0x04u)
#define UART_CTRL     QC_REG(QC_UART0_BASE + 0x08u)
#define UART_INTCLEAR QC_REG(QC_UART0_BASE + 0x0Cu) /* write: clear; read: INTSTATUS */
#define UART_BAUDDIV  QC_REG(QC_UART0_BASE + 0x10u)

#define STATE_TX_FULL  (1u << 0)
#define STATE_RX_FULL  (1u << 1)
#define CTRL_TX_EN     (1u << 0)
#define CTRL_RX_EN     (1u << 1)
#define CTRL_RX_INT_EN (1u << 3)
#define INT_RX         (1u << 1)
#define BAUDDIV_MIN    16u /* QEMU refuses smaller dividers ("invalid baudrate") */

static struct ms_shell *rx_shell;

void uart_init(struct ms_shell *shell, uint32_t baud)
{
	uint32_t div = QC_SYSCLK_HZ / baud;

	rx_shell = shell;
	UART_BAUDDIV = div < BAUDDIV_MIN ? BAUDDIV_MIN : div;
	UART_CTRL = CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_INT_EN;
	/* One read of DATA right after enabling RX: it makes QEMU's model accept input from the
	 * chardev at once; without it the first byte the host sends arrives about 1 s late. */
	(void)UART_DATA;
	UART_INTCLEAR = INT_RX;
	QC_NVIC_ICPR0 = 1u << QC_UART0_RX_IRQ;
	QC_NVIC_ISER0 = 1u << QC_UART0_RX_IRQ;
}

void uart_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++) {
		while (UART_STATE & STATE_TX_FULL) {
			/* QEMU hands the byte to the socket at once unless the host stops reading. */
		}
		UART_DATA = p[i];
	}
}

void uart_flush(void)
{
	while (UART_STATE & STATE_TX_FULL) {
	}
}

void uart_rx_stop(void)
{
	QC_NVIC_ICER0 = 1u << QC_UART0_RX_IRQ;
	UART_CTRL = CTRL_TX_EN;
	QC_NVIC_ICPR0 = 1u << QC_UART0_RX_IRQ;
}

void uart_rx_isr(void)
{
	/* Clear the latched interrupt first: a byte that arrives after the last look below
	 * raises it again, so nothing is left waiting without an interrupt. */
	UART_INTCLEAR = INT_RX;
	while (UART_STATE & STATE_RX_FULL) {
		uint8_t c = (uint8_t)(UART_DATA & 0xFFu);

		(void)ms_rx_put(rx_shell, &c, 1); /* full ring: dropped and counted */
	}
}
