#define _DEFAULT_SOURCE
#include "sim_driver.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

const char *sim_binary;
int sim_failures;

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint32_t crc32_ieee(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t crc = 0xFFFFFFFFu;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++) {
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
		}
	}
	return crc ^ 0xFFFFFFFFu;
}

static void show_tail(const struct sim *s)
{
	size_t from = s->out_len > 300 ? s->out_len - 300 : 0;

	fprintf(stderr, "  last console bytes: \"");
	for (size_t i = from; i < s->out_len; i++) {
		unsigned char c = (unsigned char)s->out[i];

		if (c == '\r') {
			fputs("\\r", stderr);
		} else if (c == '\n') {
			fputs("\\n", stderr);
		} else if (c < 0x20 || c > 0x7e) {
			fprintf(stderr, "\\x%02x", c);
		} else {
			fputc(c, stderr);
		}
	}
	fprintf(stderr, "\"\n  stderr: \"%.*s\"\n", (int)s->err_len, s->errbuf);
}

/* Forks and runs the sim with `args` (NULL-terminated, the words after argv[0]) on the given
 * stdin, stdout and stderr; the child closes the `n_close` descriptors in `close_fds` once it
 * has them in place. Returns the child's pid. */
static pid_t spawn_sim(const char *const *args, int in, int out, int err, const int *close_fds,
		       size_t n_close)
{
	const char *argv[40];
	int n = 0;
	pid_t pid;

	argv[n++] = sim_binary;
	for (; args[n - 1] != NULL && n < 39; n++) {
		argv[n] = args[n - 1];
	}
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		for (size_t i = 0; i < n_close; i++) {
			close(close_fds[i]);
		}
		execv(sim_binary, (char *const *)argv);
		perror("execv");
		_exit(127);
	}
	return pid;
}

void sim_start(struct sim *s, const char *const *args)
{
	int in[2], out[2], err[2];

	memset(s, 0, sizeof(*s));
	if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) {
		perror("pipe");
		exit(2);
	}
	const int child_closes[] = { in[0], in[1], out[0], out[1], err[0], err[1] };

	s->pid = spawn_sim(args, in[0], out[1], err[1], child_closes,
			   sizeof(child_closes) / sizeof(child_closes[0]));
	close(in[0]);
	close(out[1]);
	close(err[1]);
	s->to_stdin = in[1];
	s->console = out[0];
	s->console_out = in[1];
	s->err = err[0];
	fcntl(s->console, F_SETFL, O_NONBLOCK);
	fcntl(s->err, F_SETFL, O_NONBLOCK);
}

void sim_start_tty(struct sim *s, const char *const *args, int *slave)
{
	int master, err[2];

	memset(s, 0, sizeof(*s));
	if (openpty(&master, slave, NULL, NULL, NULL) != 0 || pipe(err) != 0) {
		perror("openpty");
		exit(2);
	}
	const int child_closes[] = { master, *slave, err[0], err[1] };

	s->pid = spawn_sim(args, *slave, *slave, err[1], child_closes,
			   sizeof(child_closes) / sizeof(child_closes[0]));
	close(err[1]);
	s->to_stdin = -1;
	s->console = s->console_out = master;
	s->err = err[0];
	fcntl(master, F_SETFL, O_NONBLOCK);
	fcntl(s->err, F_SETFL, O_NONBLOCK);
}

static void read_stderr(struct sim *s)
{
	for (;;) {
		ssize_t n = read(s->err, s->errbuf + s->err_len, sizeof(s->errbuf) - 1 - s->err_len);

		if (n <= 0) {
			break;
		}
		s->err_len += (size_t)n;
		s->errbuf[s->err_len] = '\0';
	}
}

/* Reads stderr until a LISTENING line; returns its argument (after "LISTENING <kind> "). */
static const char *wait_listening(struct sim *s, const char *kind, char *arg, size_t arg_len)
{
	uint64_t deadline = now_ms() + 5000;
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "LISTENING %s ", kind);
	while (now_ms() < deadline) {
		struct pollfd p = { .fd = s->err, .events = POLLIN };

		poll(&p, 1, 100);
		read_stderr(s);
		const char *l = strstr(s->errbuf, prefix);
		const char *nl = l ? strchr(l, '\n') : NULL;

		if (nl != NULL) {
			size_t len = (size_t)(nl - l) - strlen(prefix);

			snprintf(arg, arg_len, "%.*s", (int)len, l + strlen(prefix));
			return arg;
		}
	}
	fprintf(stderr, "no '%s' line on stderr within 5 s\n", prefix);
	show_tail(s);
	exit(1);
}

void sim_attach_tcp(struct sim *s)
{
	char arg[64];
	const char *hp = wait_listening(s, "tcp", arg, sizeof(arg));
	const char *colon = strrchr(hp, ':');
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;

	a.sin_port = htons((uint16_t)atoi(colon + 1));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		perror("connect");
		exit(1);
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	close(s->console);
	s->console = s->console_out = fd;
}

void sim_attach_pty(struct sim *s)
{
	char path[128];
	struct termios tio;

	wait_listening(s, "pty", path, sizeof(path));
	int fd = open(path, O_RDWR | O_NOCTTY);

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	tcgetattr(fd, &tio);
	cfmakeraw(&tio);
	tcsetattr(fd, TCSANOW, &tio);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (write(s->to_stdin, "\n", 1) != 1) {
		perror("write stdin");
		exit(1);
	}
	close(s->console);
	s->console = s->console_out = fd;
}

void sim_send(struct sim *s, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint64_t deadline = now_ms() + 10000;

	while (len > 0 && now_ms() < deadline) {
		ssize_t n = write(s->console_out, p, len);

		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			break;
		} else {
			struct pollfd q = { .fd = s->console_out, .events = POLLOUT };

			poll(&q, 1, 50);
		}
	}
	CHECK(len == 0, "could not send %zu bytes to the sim", len);
}

void sim_send_str(struct sim *s, const char *str)
{
	sim_send(s, str, strlen(str));
}

void sim_close_input(struct sim *s)
{
	if (s->console_out == s->to_stdin) {
		close(s->to_stdin);
		s->to_stdin = s->console_out = -1;
	} else {
		shutdown(s->console_out, SHUT_WR);
	}
}

/* One poll() round on console and stderr; returns false once the console hit EOF. */
static bool pump(struct sim *s, int timeout_ms)
{
	struct pollfd p[2] = { { .fd = s->console, .events = POLLIN }, { .fd = s->err, .events = POLLIN } };
	bool open = true;

	poll(p, 2, timeout_ms);
	for (;;) {
		if (s->out_len + 1 >= sizeof(s->out)) {
			/* Keep the newest half; the mark moves with it. */
			size_t keep = sizeof(s->out) / 2;
			size_t cut = s->out_len - keep;

			memmove(s->out, s->out + cut, keep);
			s->out_len = keep;
			s->mark = s->mark > cut ? s->mark - cut : 0;
		}
		ssize_t n = read(s->console, s->out + s->out_len, sizeof(s->out) - 1 - s->out_len);

		if (n > 0) {
			s->out_len += (size_t)n;
			s->out[s->out_len] = '\0';
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			open = false;
		}
		break;
	}
	read_stderr(s);
	return open;
}

const char *sim_expect(struct sim *s, const char *needle, int timeout_ms, const char *step)
{
	uint64_t deadline = now_ms() + (uint64_t)timeout_ms;

	for (;;) {
		const char *hit = strstr(s->out + s->mark, needle);

		if (hit != NULL) {
			s->mark = (size_t)(hit - s->out) + strlen(needle);
			return hit;
		}
		uint64_t now = now_ms();

		if (now >= deadline) {
			sim_failures++;
			fprintf(stderr, "FAIL %s: timed out after %d ms waiting for \"%s\"\n", step, timeout_ms, needle);
			show_tail(s);
			return NULL;
		}
		if (!pump(s, (int)(deadline - now < 50 ? deadline - now : 50))) {
			hit = strstr(s->out + s->mark, needle);
			if (hit != NULL) {
				s->mark = (size_t)(hit - s->out) + strlen(needle);
				return hit;
			}
			sim_failures++;
			fprintf(stderr, "FAIL %s: console closed while waiting for \"%s\"\n", step, needle);
			show_tail(s);
			return NULL;
		}
	}
}

void sim_drain(struct sim *s, int ms)
{
	uint64_t deadline = now_ms() + (uint64_t)ms;

	while (now_ms() < deadline && pump(s, 20)) {
	}
}

int sim_wait_exit(struct sim *s, int timeout_ms)
{
	uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
	int status;

	for (;;) {
		pid_t r = waitpid(s->pid, &status, WNOHANG);

		if (r == s->pid) {
			pump(s, 0);
			s->pid = 0;
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		}
		if (now_ms() >= deadline) {
			return -1;
		}
		pump(s, 20);
	}
}

void sim_kill(struct sim *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
	if (s->to_stdin >= 0) {
		close(s->to_stdin);
	}
	if (s->console >= 0) {
		close(s->console);
	}
	if (s->err >= 0) {
		close(s->err);
	}
	s->to_stdin = s->console = s->err = -1;
}

int sim_check_result(const char *line, long id, const char *step)
{
	const char *end = line ? strstr(line, "\r\n") : NULL;

	if (end == NULL) {
		sim_failures++;
		fprintf(stderr, "FAIL %s: no complete result line\n", step);
		return INT32_MIN;
	}
	const char *body = line + 6; /* after "@@HIL|" or "@@UPL|" */
	const char *last_bar = end;

	while (last_bar > body && *last_bar != '|') {
		last_bar--;
	}
	char crc_text[9];
	unsigned long crc;
	long got_id;
	int rc;

	snprintf(crc_text, sizeof(crc_text), "%.*s", (int)(end - last_bar - 1), last_bar + 1);
	crc = strtoul(crc_text, NULL, 16);
	if (end - last_bar - 1 != 8 || crc != crc32_ieee(body, (size_t)(last_bar - body))) {
		sim_failures++;
		fprintf(stderr, "FAIL %s: bad CRC in \"%.*s\"\n", step, (int)(end - line), line);
		return INT32_MIN;
	}
	if (sscanf(body, "%ld|%d|", &got_id, &rc) != 2 || got_id != id) {
		sim_failures++;
		fprintf(stderr, "FAIL %s: wrong id in \"%.*s\" (want %ld)\n", step, (int)(end - line), line, id);
		return INT32_MIN;
	}
	return rc;
}
