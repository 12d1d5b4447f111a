#define _DEFAULT_SOURCE /* openpty, cfmakeraw */
#include "transport.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static int set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Waits (in poll(), one second at a time) for a line on stdin. EOF: the host went away. */
static int wait_stdin_newline(void)
{
	for (;;) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		char c;

		if (poll(&p, 1, 1000) <= 0) {
			continue;
		}
		ssize_t n = read(STDIN_FILENO, &c, 1);

		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
			return -1;
		}
		if (n == 1 && c == '\n') {
			return 0;
		}
	}
}

/* The slave's path, for the drain at exit. */
static char pty_name[128];

/*
 * On Linux, closing a pty's master discards what the host has not read yet, so the result
 * line of `reset` (or the fatal banner before a reboot) would be lost when the process exits.
 * At exit, wait (at most ~1 s) until the slave side's input queue is empty. The first sleep
 * lets the kernel move freshly written bytes to the slave, whose queue can read empty before.
 */
static void drain_pty_at_exit(void)
{
	int fd = open(pty_name, O_RDONLY | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		return; /* the host has gone: nothing to wait for */
	}
	usleep(20000);
	for (int i = 0; i < 100; i++) {
		int queued = 0;

		if (ioctl(fd, FIONREAD, &queued) != 0 || queued == 0) {
			break;
		}
		usleep(10000);
	}
	close(fd);
}

static int open_pty(struct transport *t, char *why, size_t why_len)
{
	int master, slave;
	char name[128];
	struct termios tio;

	if (openpty(&master, &slave, name, NULL, NULL) != 0) {
		snprintf(why, why_len, "--pty: openpty failed: %s; try --tcp 0", strerror(errno));
		return -1;
	}
	/* Raw, 8 bits, no echo: a serial line, not a terminal. */
	if (tcgetattr(slave, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(slave, TCSANOW, &tio);
	}
	fprintf(stderr, "LISTENING pty %s\n", name);
	fflush(stderr);
	/* Our slave fd stays open until the host says it has opened the pty: before that the
	 * master would report a hang-up. */
	if (wait_stdin_newline() != 0) {
		close(slave);
		close(master);
		snprintf(why, why_len, "--pty: stdin closed before the host opened %s", name);
		return -2;
	}
	close(slave);
	snprintf(pty_name, sizeof(pty_name), "%s", name);
	atexit(drain_pty_at_exit);
	set_nonblocking(master);
	t->kind = CONSOLE_PTY;
	t->eof_byte = -1;
	t->in_fd = t->out_fd = master;
	return 0;
}

static int open_tcp(uint16_t port, struct transport *t, char *why, size_t why_len)
{
	struct sockaddr_in addr;
	socklen_t alen = sizeof(addr);
	int one = 1;
	int ls = socket(AF_INET, SOCK_STREAM, 0);

	if (ls < 0) {
		snprintf(why, why_len, "--tcp: socket failed: %s", strerror(errno));
		return -1;
	}
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)); /* restarts reuse the port */
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons(port);
	if (bind(ls, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(ls, 1) != 0 ||
	    getsockname(ls, (struct sockaddr *)&addr, &alen) != 0) {
		snprintf(why, why_len, "--tcp %u: cannot listen on 127.0.0.1:%u: %s; use --tcp 0 for a free port",
			 (unsigned)port, (unsigned)port, strerror(errno));
		close(ls);
		return -1;
	}
	fprintf(stderr, "LISTENING tcp 127.0.0.1:%u\n", (unsigned)ntohs(addr.sin_port));
	fflush(stderr);
	int cs;

	for (;;) {
		struct pollfd p = { .fd = ls, .events = POLLIN };

		if (poll(&p, 1, 1000) <= 0) {
			continue;
		}
		cs = accept(ls, NULL, NULL);
		if (cs >= 0) {
			break;
		}
		if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
			snprintf(why, why_len, "--tcp: accept failed: %s", strerror(errno));
			close(ls);
			return -1;
		}
	}
	close(ls); /* one client per boot, like one cable */
	setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	set_nonblocking(cs);
	t->kind = CONSOLE_SOCKET;
	t->eof_byte = -1;
	t->in_fd = t->out_fd = cs;
	return 0;
}

/* By hand on a terminal: keys go to the shell one by one, without the terminal's own echo,
 * as to a board over a serial terminal. Ctrl-C still kills (power off), Ctrl-D is EOF. */
static struct termios saved_tty;

static void restore_tty(void)
{
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

static void restore_tty_on_signal(int sig)
{
	restore_tty();
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool raw_stdin_if_tty(void)
{
	struct termios raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty) != 0) {
		return false;
	}
	raw = saved_tty;
	cfmakeraw(&raw);
	raw.c_lflag |= ISIG;
	/* cfmakeraw also turns off output processing: the sim already sends CRLF. */
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
		return false;
	}
	atexit(restore_tty);
	signal(SIGINT, restore_tty_on_signal);
	signal(SIGTERM, restore_tty_on_signal);
	signal(SIGQUIT, restore_tty_on_signal);
	return true;
}

int transport_open(const struct sim_options *o, struct transport *t, char *why, size_t why_len)
{
	switch (o->transport) {
	case SIM_PTY:
		return open_pty(t, why, why_len);
	case SIM_TCP:
		return open_tcp(o->tcp_port, t, why, why_len);
	default:
		t->kind = CONSOLE_STDIO;
		t->in_fd = STDIN_FILENO;
		t->out_fd = STDOUT_FILENO;
		t->eof_byte = raw_stdin_if_tty() ? 0x04 : -1;
		return 0;
	}
}
