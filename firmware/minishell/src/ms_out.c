/*
 * Everything the shell prints that is not editing: command output with LF -> CRLF,
 * Zephyr-format log lines that step around the prompt, and the fatal-error banner.
 */
#include "ms_internal.h"

size_t ms_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

bool ms_streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

void ms_raw(struct ms_shell *sh, const char *buf, size_t len)
{
	if (len == 0) {
		return;
	}
	sh->hooks.write(sh->ctx, (const uint8_t *)buf, len);
	sh->last_out = (uint8_t)buf[len - 1];
}

void ms_write(struct ms_shell *sh, const char *buf, size_t len)
{
	ms_raw(sh, buf, len);
}

void ms_raw_str(struct ms_shell *sh, const char *s)
{
	ms_raw(sh, s, ms_strlen(s));
}

void ms_print(struct ms_shell *sh, const char *buf, size_t len)
{
	size_t start = 0;

	/* Zephyr's shell turns LF into CRLF on output; a CRLF already there stays one. */
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n') {
			continue;
		}
		bool had_cr = i > 0 ? buf[i - 1] == '\r' : sh->last_out == '\r';

		if (had_cr) {
			continue;
		}
		ms_raw(sh, buf + start, i - start);
		ms_raw(sh, "\r", 1);
		start = i;
	}
	ms_raw(sh, buf + start, len - start);
}

void ms_puts(struct ms_shell *sh, const char *s)
{
	ms_print(sh, s, ms_strlen(s));
}

void ms_put_u64(struct ms_shell *sh, uint64_t v, unsigned width)
{
	char digits[20];
	unsigned n = 0;

	do {
		digits[n++] = (char)('0' + (unsigned)(v % 10u));
		v /= 10u;
	} while (v != 0 && n < sizeof(digits));
	while (n < width && n < sizeof(digits)) {
		digits[n++] = '0';
	}
	char out[20];

	for (unsigned i = 0; i < n; i++) {
		out[i] = digits[n - 1u - i];
	}
	ms_raw(sh, out, n);
}

void ms_show_prompt_and_line(struct ms_shell *sh)
{
	if (sh->color) {
		ms_raw_str(sh, MS_VT100_GREEN MS_PROMPT MS_VT100_MODESOFF);
	} else {
		ms_raw_str(sh, MS_PROMPT);
	}
	ms_raw(sh, sh->line, sh->len);
	sh->prompt_visible = true;
}

/* Removes the prompt and typed input from the terminal line, as Zephyr's shell log backend
 * does before printing a log message. Without VT100, spaces overwrite the old text. */
static void erase_prompt_line(struct ms_shell *sh)
{
	if (sh->color) {
		ms_raw_str(sh, "\r" MS_VT100_ERASE_LN);
		return;
	}
	size_t width = ms_strlen(MS_PROMPT) + sh->len;
	static const char spaces[16] = "                ";

	ms_raw(sh, "\r", 1);
	while (width > 0) {
		size_t n = width < sizeof(spaces) ? width : sizeof(spaces);

		ms_raw(sh, spaces, n);
		width -= n;
	}
	ms_raw(sh, "\r", 1);
}

static void put_timestamp(struct ms_shell *sh)
{
	uint64_t us = sh->hooks.uptime_us != NULL ? sh->hooks.uptime_us(sh->ctx) : 0u;
	uint64_t ms = us / 1000u;
	uint64_t s = ms / 1000u;

	ms_raw(sh, "[", 1);
	ms_put_u64(sh, s / 3600u, 2);
	ms_raw(sh, ":", 1);
	ms_put_u64(sh, (s / 60u) % 60u, 2);
	ms_raw(sh, ":", 1);
	ms_put_u64(sh, s % 60u, 2);
	ms_raw(sh, ".", 1);
	ms_put_u64(sh, ms % 1000u, 3);
	ms_raw(sh, ",", 1);
	ms_put_u64(sh, us % 1000u, 3);
	ms_raw(sh, "] ", 2);
}

static const char *level_tag(enum ms_log_level level)
{
	switch (level) {
	case MS_LOG_ERR: return "<err> ";
	case MS_LOG_WRN: return "<wrn> ";
	case MS_LOG_INF: return "<inf> ";
	default:         return "<dbg> ";
	}
}

static const char *level_color(enum ms_log_level level)
{
	switch (level) {
	case MS_LOG_ERR: return MS_VT100_RED;
	case MS_LOG_WRN: return MS_VT100_YELLOW;
	default:         return MS_LOG_COLOR_DEFAULT;
	}
}

void ms_log(struct ms_shell *sh, enum ms_log_level level, const char *module, const char *msg)
{
	/* Only an idle prompt needs stepping around: during a command the output is the
	 * command's own, and in bypass mode the host is not looking at a prompt. */
	bool around_prompt = sh->prompt_visible && !sh->running && !sh->bypass;

	if (around_prompt) {
		erase_prompt_line(sh);
	} else if (sh->last_out != '\n' && sh->last_out != 0) {
		ms_raw(sh, "\r\n", 2); /* never glue a log line to the end of another line */
	}
	put_timestamp(sh);
	if (sh->color) {
		ms_raw_str(sh, level_color(level));
	}
	ms_raw_str(sh, level_tag(level));
	ms_raw_str(sh, module);
	ms_raw(sh, ": ", 2);
	ms_puts(sh, msg);
	if (sh->color) {
		ms_raw_str(sh, MS_LOG_COLOR_DEFAULT);
	}
	ms_raw(sh, "\r\n", 2);
	if (around_prompt) {
		ms_show_prompt_and_line(sh);
	}
}

void ms_fatal_assert(struct ms_shell *sh, const char *expr, const char *file, unsigned line,
		     const char *detail)
{
	if (sh->last_out != '\n' && sh->last_out != 0) {
		ms_raw(sh, "\r\n", 2);
	}
	ms_raw_str(sh, "ASSERTION FAIL [");
	ms_raw_str(sh, expr);
	ms_raw_str(sh, "] @ ");
	ms_raw_str(sh, file);
	ms_raw(sh, ":", 1);
	ms_put_u64(sh, line, 1);
	ms_raw(sh, "\r\n", 2);
	ms_raw(sh, "\t", 1);
	ms_raw_str(sh, detail != NULL ? detail : "unexpected heap state (double-free?)");
	ms_raw(sh, "\r\n", 2);
	ms_raw_str(sh, ">>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU 0\r\n");
	sh->prompt_visible = false;
}

void ms_fatal_halt(struct ms_shell *sh)
{
	ms_raw_str(sh, "Halting system\r\n");
	sh->prompt_visible = false;
}
