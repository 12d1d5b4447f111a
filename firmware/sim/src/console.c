#define _POSIX_C_SOURCE 200809L
#include "console.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "throttle.h"

#define WIRE_CAP          4096u        /* bytes read from the host, not yet through the "UART" */
#define TXQ_LIMIT         (4u << 20)   /* output nobody reads beyond this is lost */
#define TX_FIFO_BYTES     16u          /* the shell waits while more than this is unsent (at a line rate) */
#define TX_FIFO_UNLIMITED (64u << 10)  /* ... or this much, without a line rate */
#define POLL_PERIOD_MS    50           /* hil_core_poll() cadence; also the idle wake-up */
#define HALT_PERIOD_MS    1000
#define WRITE_CHUNK       4096u        /* <= PIPE_BUF-sized writes never block after POLLOUT */
#define DROP_LOG_EVERY_NS 1000000000ull
#define FLUSH_GRACE_NS    5000000000ull

static struct {
	enum console_kind kind;
	int in_fd, out_fd;
	int eof_byte;
	struct ms_shell *shell;
	uint32_t baud;
	struct throttle rx_tb, tx_tb;

	uint8_t wire[WIRE_CAP];
	size_t wire_len;
	bool in_eof;
	bool detached;   /* pty: nobody has the other end open */

	uint8_t *txq;
	size_t tx_head, tx_len, tx_cap;
	uint64_t tx_lost;

	uint32_t dropped_logged;
	uint64_t last_drop_log_ns;
} con;

void console_init(enum console_kind kind, int in_fd, int out_fd, int eof_byte, uint32_t baud,
		  struct ms_shell *shell)
{
	con.eof_byte = eof_byte;
	uint64_t now = sim_now_ns();

	con.kind = kind;
	con.in_fd = in_fd;
	con.out_fd = out_fd;
	con.shell = shell;
	con.baud = baud;
	throttle_init(&con.rx_tb, baud, now);
	throttle_init(&con.tx_tb, baud, now);
	con.last_drop_log_ns = now - DROP_LOG_EVERY_NS;
}

uint32_t console_rx_dropped(void)
{
	return ms_rx_dropped(con.shell);
}

uint64_t console_tx_lost(void)
{
	return con.tx_lost;
}

void console_write(const void *buf, size_t len)
{
	if (con.tx_head > 0 && con.tx_head + con.tx_len + len > con.tx_cap) {
		memmove(con.txq, con.txq + con.tx_head, con.tx_len);
		con.tx_head = 0;
	}
	if (con.tx_len + len > TXQ_LIMIT) {
		con.tx_lost += len;
		return;
	}
	if (con.tx_head + con.tx_len + len > con.tx_cap) {
		size_t cap = con.tx_cap ? con.tx_cap : 8192;

		while (cap < con.tx_len + len) {
			cap *= 2;
		}
		uint8_t *p = realloc(con.txq, cap);

		if (p == NULL) {
			con.tx_lost += len;
			return;
		}
		con.txq = p;
		con.tx_cap = cap;
	}
	memcpy(con.txq + con.tx_head + con.tx_len, buf, len);
	con.tx_len += len;
}

static bool shell_may_read(void)
{
	return con.tx_len <= (con.baud ? TX_FIFO_BYTES : TX_FIFO_UNLIMITED);
}

/* The UART RX interrupt: moves bytes off the wire into the shell's ring at the line rate.
 * Without a line rate the wire waits for room (no loss); with one, a full ring drops. */
static bool deliver_rx(uint64_t now)
{
	size_t n;

	if (con.wire_len == 0) {
		return false;
	}
	if (con.baud == 0) {
		uint32_t room = ms_rx_free(con.shell);

		n = con.wire_len < room ? con.wire_len : room;
	} else {
		n = throttle_take(&con.rx_tb, now, con.wire_len);
	}
	if (n == 0) {
		return false;
	}
	ms_rx_put(con.shell, con.wire, n);
	memmove(con.wire, con.wire + n, con.wire_len - n);
	con.wire_len -= n;
	return true;
}

/* Zephyr's UART shell backend warns when its ring overflows; so does the sim, at most once a
 * second, from the shell thread (never in the middle of a command). */
static void log_rx_overflow(uint64_t now)
{
	uint32_t dropped = ms_rx_dropped(con.shell);

	if (dropped != con.dropped_logged && now - con.last_drop_log_ns >= DROP_LOG_EVERY_NS) {
		con.dropped_logged = dropped;
		con.last_drop_log_ns = now;
		ms_log(con.shell, MS_LOG_WRN, "shell_uart", "RX ring buffer full.");
	}
}

static void run_shell(uint64_t now)
{
	do {
		while (shell_may_read() && ms_process_one(con.shell)) {
		}
	} while (shell_may_read() && deliver_rx(now));
}

/* Moves queued output to the host as far as the line rate and the host allow. */
static void pump_tx(uint64_t now)
{
	if (con.tx_len == 0) {
		return;
	}
	size_t want = con.tx_len < WRITE_CHUNK ? con.tx_len : WRITE_CHUNK;
	size_t n = throttle_take(&con.tx_tb, now, want);

	if (n == 0) {
		return;
	}
	if (con.detached) {
		/* A UART with nobody listening still shifts the bits out. */
		con.tx_head += n;
		con.tx_len -= n;
		return;
	}
	struct pollfd p = { .fd = con.out_fd, .events = POLLOUT };

	if (poll(&p, 1, 0) != 1 || (p.revents & POLLOUT) == 0) {
		throttle_refund(&con.tx_tb, n);
		return;
	}
	ssize_t w = write(con.out_fd, con.txq + con.tx_head, n);

	if (w < 0) {
		throttle_refund(&con.tx_tb, n);
		if (errno == EAGAIN || errno == EINTR) {
			return;
		}
		if (con.kind == CONSOLE_PTY) {
			con.detached = true;
			return;
		}
		/* stdout or socket gone: nobody can ever see the board again. */
		con.in_eof = true;
		con.tx_len = 0;
		return;
	}
	throttle_refund(&con.tx_tb, n - (size_t)w);
	con.tx_head += (size_t)w;
	con.tx_len -= (size_t)w;
	if (con.tx_len == 0) {
		con.tx_head = 0;
	}
}

static void on_input_closed(void)
{
	if (con.kind == CONSOLE_PTY) {
		con.detached = true; /* the host closed the pty; it may open it again */
	} else {
		con.in_eof = true;
	}
}

static void read_input(void)
{
	ssize_t n = read(con.in_fd, con.wire + con.wire_len, WIRE_CAP - con.wire_len);

	if (n > 0) {
		const uint8_t *eof = con.eof_byte < 0 ? NULL
			: memchr(con.wire + con.wire_len, con.eof_byte, (size_t)n);

		if (eof != NULL) {
			n = eof - (con.wire + con.wire_len); /* what came before Ctrl-D still counts */
			con.in_eof = true;
		}
		con.wire_len += (size_t)n;
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		on_input_closed();
	}
}

/* The pty master reports POLLHUP while no one has the slave open; look again now and then. */
static void check_reattach(void)
{
	struct pollfd p = { .fd = con.in_fd, .events = POLLIN };

	if (poll(&p, 1, 0) >= 0 && (p.revents & POLLHUP) == 0) {
		con.detached = false;
	}
}

static int min_timeout(int a, int b)
{
	return a < b ? a : b;
}

/* Sleeps in poll() until input, writable output or the next token, at most `cap_ms`. */
static void wait_io(uint64_t now, int cap_ms, bool want_input)
{
	struct pollfd p[2];
	nfds_t np = 0;
	int timeout = cap_ms;
	int in_idx = -1, out_idx = -1;

	if (con.wire_len > 0 && con.baud != 0) {
		timeout = min_timeout(timeout, throttle_wait_ms(&con.rx_tb, now));
	}
	if (con.tx_len > 0) {
		int w = throttle_wait_ms(&con.tx_tb, now);

		if (w > 0 || con.detached) {
			timeout = min_timeout(timeout, w > 0 ? w : 1);
		} else {
			out_idx = (int)np;
			p[np++] = (struct pollfd){ .fd = con.out_fd, .events = POLLOUT };
		}
	}
	if (want_input && !con.in_eof && !con.detached && con.wire_len < WIRE_CAP) {
		if (out_idx >= 0 && con.out_fd == con.in_fd) {
			p[out_idx].events |= POLLIN;
			in_idx = out_idx;
		} else {
			in_idx = (int)np;
			p[np++] = (struct pollfd){ .fd = con.in_fd, .events = POLLIN };
		}
	}
	if (poll(p, np, timeout) <= 0) {
		if (con.detached) {
			check_reattach();
		}
		return;
	}
	if (in_idx >= 0 && (p[in_idx].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
		if (con.kind == CONSOLE_PTY && (p[in_idx].revents & POLLIN) == 0) {
			con.detached = true; /* HUP without data: the host closed the pty */
		} else {
			read_input();
		}
	}
}

static bool idle_after_eof(void)
{
	return con.in_eof && con.wire_len == 0 && ms_rx_used(con.shell) == 0 && con.tx_len == 0;
}

int console_run(void (*poll_hook)(void))
{
	for (;;) {
		uint64_t now = sim_now_ns();

		deliver_rx(now);
		if (poll_hook != NULL) {
			poll_hook();
		}
		run_shell(now);
		log_rx_overflow(now);
		pump_tx(now);
		if (idle_after_eof()) {
			return 0;
		}
		/* After EOF on a socket nothing more can be seen: power off at once. */
		if (con.in_eof && con.kind == CONSOLE_SOCKET) {
			return 0;
		}
		wait_io(now, POLL_PERIOD_MS, true);
	}
}

void console_flush(void)
{
	/* Bounded: the time the line needs for what is queued, plus 5 s for a host that does not
	 * read. After that the rest is lost, as a UART's would be. */
	uint64_t line_ns = con.baud ? (uint64_t)con.tx_len * 10u * 1000000000ull / con.baud : 0u;
	uint64_t deadline = sim_now_ns() + line_ns + FLUSH_GRACE_NS;

	while (con.tx_len > 0) {
		uint64_t now = sim_now_ns();

		pump_tx(now);
		if ((con.in_eof && con.kind != CONSOLE_STDIO) || now > deadline) {
			con.tx_lost += con.tx_len;
			con.tx_len = 0;
			return;
		}
		if (con.tx_len > 0) {
			wait_io(now, POLL_PERIOD_MS, false);
		}
	}
}

void console_power_cut(void)
{
	if (con.baud == 0) {
		console_flush();
	}
}

int console_halt(void)
{
	for (;;) {
		uint64_t now = sim_now_ns();

		/* The CPU is stopped: received bytes go nowhere. */
		con.wire_len = 0;
		pump_tx(now);
		if (con.in_eof && (con.kind == CONSOLE_SOCKET || con.tx_len == 0)) {
			return 0;
		}
		wait_io(now, con.tx_len > 0 ? POLL_PERIOD_MS : HALT_PERIOD_MS, true);
	}
}
