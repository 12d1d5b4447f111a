/*
 * The RX ring between the "UART ISR" (ms_rx_put) and the shell loop (ms_rx_get).
 * A full ring drops the new bytes and counts them, like Zephyr's UART shell backend whose
 * ring buffer overflows when the host sends faster than the shell thread reads.
 *
 * Indices run over [0, 2*size) so that full and empty differ without a shared counter:
 * the producer writes only rx_head, the consumer only rx_tail.
 */
#include "ms_internal.h"

static uint32_t wrap(const struct ms_shell *sh, uint32_t i)
{
	return i >= 2u * sh->rx_size ? i - 2u * sh->rx_size : i;
}

uint32_t ms_rx_used(const struct ms_shell *sh)
{
	uint32_t head = sh->rx_head, tail = sh->rx_tail;

	return head >= tail ? head - tail : head + 2u * sh->rx_size - tail;
}

uint32_t ms_rx_free(const struct ms_shell *sh)
{
	return sh->rx_size - ms_rx_used(sh);
}

uint32_t ms_rx_dropped(const struct ms_shell *sh)
{
	return sh->rx_dropped;
}

size_t ms_rx_put(struct ms_shell *sh, const uint8_t *buf, size_t len)
{
	uint32_t head = sh->rx_head;
	uint32_t room = ms_rx_free(sh);
	size_t n = len < room ? len : room;

	for (size_t i = 0; i < n; i++) {
		sh->rx[head % sh->rx_size] = buf[i];
		head = wrap(sh, head + 1u);
	}
	sh->rx_head = head; /* publish after the bytes are stored */
	sh->rx_dropped += (uint32_t)(len - n);
	return n;
}

bool ms_rx_get(struct ms_shell *sh, uint8_t *out)
{
	uint32_t tail = sh->rx_tail;

	if (sh->rx_head == tail) {
		return false;
	}
	*out = sh->rx[tail % sh->rx_size];
	sh->rx_tail = wrap(sh, tail + 1u);
	return true;
}
