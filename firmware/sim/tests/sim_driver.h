/*
 * Test helpers: start the real llext-hil-sim binary, talk to it over stdio, a pty or TCP,
 * wait for text with timeouts, collect its exit code. Every wait has a deadline and a failure
 * names the step and shows the last bytes seen.
 */
#ifndef SIM_DRIVER_H
#define SIM_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct sim {
	pid_t pid;
	int to_stdin;      /* the sim's stdin (-1 once closed) */
	int console;       /* where console bytes come from / go to: stdout pipe, pty or socket */
	int console_out;   /* where the test writes console input (stdin pipe, pty or socket) */
	int err;           /* the sim's stderr */
	char out[1 << 17]; /* console bytes seen so far */
	size_t out_len;
	size_t mark;       /* sim_expect searches from here */
	char errbuf[8192];
	size_t err_len;
};

extern const char *sim_binary;  /* path of llext-hil-sim, from argv */
extern int sim_failures;

/* Starts the sim with these arguments (NULL-terminated, without argv[0]). stdio transport:
 * console = its stdout. For --tcp/--pty the test connects with sim_attach_*(). */
void sim_start(struct sim *s, const char *const *args);
/* Like sim_start, but the sim's stdin and stdout are a terminal (a pty slave): a user running
 * `--stdio` by hand. `*slave` stays open in the test to inspect the terminal afterwards. */
void sim_start_tty(struct sim *s, const char *const *args, int *slave);
/* Reads the LISTENING line from stderr and connects / opens and sends the newline. */
void sim_attach_tcp(struct sim *s);
void sim_attach_pty(struct sim *s);

void sim_send(struct sim *s, const void *buf, size_t len);
void sim_send_str(struct sim *s, const char *str);
/* Closes the console input (stdio: stdin EOF = power off; TCP: shutdown). */
void sim_close_input(struct sim *s);

/* Waits for `needle` in the console output after the mark; moves the mark past it.
 * Returns a pointer to the match in s->out, or NULL (failure recorded) on timeout/exit. */
const char *sim_expect(struct sim *s, const char *needle, int timeout_ms, const char *step);
/* Reads whatever arrives for `ms` milliseconds. */
void sim_drain(struct sim *s, int ms);
/* Waits for the process to exit; returns its exit code, 128+signal, or -1 on timeout. */
int sim_wait_exit(struct sim *s, int timeout_ms);
void sim_kill(struct sim *s);

/* Checks a result line "@@HIL|id|rc|json|crc" (or @@UPL) starting at `line`: CRC valid, id
 * as expected. Returns rc, or INT32_MIN on failure (recorded). */
int sim_check_result(const char *line, long id, const char *step);

uint64_t now_ms(void);
uint32_t crc32_ieee(const void *buf, size_t len);

#define CHECK(cond, ...) do { if (!(cond)) { sim_failures++; \
	fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

#endif
