/*
 * minishell: a small shell that looks like Zephyr's UART shell on the wire.
 *
 * Used by the boards that run the portable HIL core without Zephyr (the simulated board
 * firmware/sim/ and the bare-metal QEMU core). It does what the host agent relies on a Zephyr
 * shell for: prompt `uart:~$ ` without newline, echo, line editing, CRLF output, optional VT100
 * colours, `<cmd>: command not found`, log lines in Zephyr's format that erase and reprint the
 * prompt and typed input, a bypass mode for binary uploads, and an RX ring buffer that drops
 * bytes when full, as a Zephyr UART shell does.
 *
 * Portable C99: no malloc, no stdio. All output goes through one write callback; the caller
 * gives the RX ring storage. Compiles freestanding for Cortex-M.
 *
 * Use (a board port):
 *
 *     static uint8_t rx_ring[1024];
 *     static struct ms_shell sh;
 *     static const struct ms_hooks hooks = { uart_write, hil_root, hil_bypass, reboot, uptime_us };
 *     ms_init(&sh, &hooks, NULL, rx_ring, sizeof(rx_ring), false);
 *     ...print the boot banner, ms_log() the boot lines...
 *     ms_start(&sh);                          // the first prompt
 *     uart_rx_isr:  ms_rx_put(&sh, &byte, 1); // drops (and counts) when the ring is full
 *     main loop:    ms_process(&sh); hil_core_poll(); sleep until the next byte or 50 ms
 *
 * hil_root passes argc - 1, argv + 1 to hil_core_command(); the port's bypass(on) callback calls
 * ms_set_bypass(); the port's write callback calls ms_write(). On Cortex-M, link with libgcc
 * (log timestamps divide 64-bit numbers).
 *
 * Concurrency: ms_rx_put() may run in an interrupt while the main loop runs ms_process_one()
 * (one producer, one consumer, on a single core). Everything else belongs to the main loop.
 */
#ifndef MINISHELL_H
#define MINISHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_PROMPT       "uart:~$ "
#ifndef MS_LINE_MAX
#define MS_LINE_MAX     256u   /* typed characters in one command line (Zephyr: CMD_BUFF_SIZE) */
#endif
#ifndef MS_ARGC_MAX
#define MS_ARGC_MAX     20u    /* arguments in one command line, command name included */
#endif

enum ms_log_level { MS_LOG_ERR = 1, MS_LOG_WRN = 2, MS_LOG_INF = 3, MS_LOG_DBG = 4 };

/* What the shell needs from the board. `ctx` is handed back to every callback. */
struct ms_hooks {
	/* Required: sends bytes to the console (UART, pty, socket). */
	void (*write)(void *ctx, const uint8_t *buf, size_t len);
	/* Root command `hil`: argv[0] is "hil". Returns the command's rc (unused by the shell). */
	int (*hil)(void *ctx, int argc, char **argv);
	/* Bytes received while bypass mode is on, in order. */
	void (*bypass)(void *ctx, const uint8_t *buf, size_t len);
	/* `kernel reboot cold|warm`. Expected not to return; if it does, the prompt comes back. */
	void (*reboot)(void *ctx, bool cold);
	/* Microseconds since boot, for log timestamps. NULL prints 00:00:00.000,000. */
	uint64_t (*uptime_us)(void *ctx);
};

struct ms_shell {
	struct ms_hooks hooks;
	void *ctx;
	bool color;

	/* RX ring: free-running indices, used = head - tail; storage given by the caller. */
	uint8_t *rx;
	uint32_t rx_size;
	volatile uint32_t rx_head;     /* written by ms_rx_put (producer) */
	volatile uint32_t rx_tail;     /* written by ms_process_one (consumer) */
	volatile uint32_t rx_dropped;  /* bytes that found the ring full */

	char line[MS_LINE_MAX + 1];
	size_t len;
	bool after_cr;       /* the previous byte ended a line with CR: a following LF is part of it */
	uint8_t esc_state;   /* swallowing an input escape sequence (arrow keys...) */
	bool bypass;
	bool prompt_visible; /* prompt + line[] are on the terminal (a log line must erase them) */
	bool running;        /* inside a command: output is the command's, nothing to erase */
	bool prompt_pending; /* bypass ended outside a command: print a prompt when idle */
	uint8_t last_out;    /* last byte written, for LF -> CRLF conversion */
};

/* Prepares the shell; prints nothing. rx_storage must outlive the shell. */
void ms_init(struct ms_shell *sh, const struct ms_hooks *hooks, void *ctx,
	     uint8_t *rx_storage, uint32_t rx_size, bool color);

/* Prints the first prompt (after the boot banner and boot log lines). */
void ms_start(struct ms_shell *sh);

/* "UART ISR": queues received bytes. Returns how many fit; the rest are dropped and counted. */
size_t ms_rx_put(struct ms_shell *sh, const uint8_t *buf, size_t len);
uint32_t ms_rx_free(const struct ms_shell *sh);
uint32_t ms_rx_used(const struct ms_shell *sh);
uint32_t ms_rx_dropped(const struct ms_shell *sh);

/* Handles one queued byte (editing, a whole command on Enter, or bypass). False when empty. */
bool ms_process_one(struct ms_shell *sh);
/* Handles every queued byte. */
void ms_process(struct ms_shell *sh);

/* Bypass mode: every received byte goes to hooks.bypass, nothing is echoed. Turning it off
 * prints a fresh prompt, so the host sees the shell is back. */
void ms_set_bypass(struct ms_shell *sh, bool on);
bool ms_bypass(const struct ms_shell *sh);

/* Verbatim output (no newline translation), e.g. the HIL core's ready-made CRLF lines.
 * Goes through the shell so it knows where the cursor is. */
void ms_write(struct ms_shell *sh, const char *buf, size_t len);
/* Output as a command would print it: '\n' becomes "\r\n" (a "\r\n" stays as it is). */
void ms_print(struct ms_shell *sh, const char *buf, size_t len);
void ms_puts(struct ms_shell *sh, const char *s);
/* Unsigned decimal, at least `width` digits with leading zeros. */
void ms_put_u64(struct ms_shell *sh, uint64_t v, unsigned width);

/* A log line `[hh:mm:ss.mmm,uuu] <inf> module: msg`. When the prompt is on screen it is
 * erased first and printed again, with the typed input, after the log line. */
void ms_log(struct ms_shell *sh, enum ms_log_level level, const char *module, const char *msg);

/* The fatal-error banner of a failed heap assertion, as Zephyr prints it:
 * ASSERTION FAIL [expr] @ file:line / \tunexpected heap state (double-free?) /
 * >>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU 0. `detail` may be NULL. */
void ms_fatal_assert(struct ms_shell *sh, const char *expr, const char *file, unsigned line,
		     const char *detail);
/* `Halting system`, the last words of a halted board. */
void ms_fatal_halt(struct ms_shell *sh);

/* Splits `line` in place into argv (whitespace separated; "double" and 'single' quotes group,
 * backslash escapes the next character). Returns argc, or -1 when there are too many arguments
 * or a quote is not closed. Exposed for tests. */
int ms_tokenize(char *line, char **argv, int argv_max);

#endif /* MINISHELL_H */
