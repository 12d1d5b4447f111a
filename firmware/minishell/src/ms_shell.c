/*
 * The shell proper: line editing with echo, Enter -> argv -> command, bypass mode.
 * Mirrors what a Zephyr UART shell shows on the wire for the same keystrokes.
 */
#include "ms_internal.h"

#define ASCII_BS    0x08
#define ASCII_DEL   0x7f
#define ASCII_ESC   0x1b
#define ASCII_CTRLC 0x03
#define ASCII_CTRLU 0x15

enum { ESC_NONE, ESC_SEEN, ESC_CSI };

void ms_init(struct ms_shell *sh, const struct ms_hooks *hooks, void *ctx,
	     uint8_t *rx_storage, uint32_t rx_size, bool color)
{
	/* Field by field: no memset in a freestanding build. */
	sh->hooks = *hooks;
	sh->ctx = ctx;
	sh->color = color;
	sh->rx = rx_storage;
	sh->rx_size = rx_size;
	sh->rx_head = 0;
	sh->rx_tail = 0;
	sh->rx_dropped = 0;
	sh->line[0] = '\0';
	sh->len = 0;
	sh->after_cr = false;
	sh->esc_state = ESC_NONE;
	sh->bypass = false;
	sh->prompt_visible = false;
	sh->running = false;
	sh->prompt_pending = false;
	sh->last_out = 0;
}

void ms_start(struct ms_shell *sh)
{
	sh->len = 0;
	ms_show_prompt_and_line(sh);
}

void ms_set_bypass(struct ms_shell *sh, bool on)
{
	if (sh->bypass && !on && !sh->running) {
		/* Leaving data mode from the bypass hook or a timeout: the prompt comes back once
		 * whatever the core prints about it is out (see show_pending_prompt). */
		sh->prompt_pending = true;
	}
	sh->bypass = on;
	if (on) {
		sh->prompt_pending = false;
	}
}

bool ms_bypass(const struct ms_shell *sh)
{
	return sh->bypass;
}

static void show_pending_prompt(struct ms_shell *sh)
{
	if (sh->prompt_pending && !sh->bypass) {
		sh->prompt_pending = false;
		sh->len = 0;
		if (sh->last_out != '\n' && sh->last_out != 0) {
			ms_raw(sh, "\r\n", 2);
		}
		ms_show_prompt_and_line(sh);
	}
}

static void print_error(struct ms_shell *sh, const char *a, const char *b)
{
	if (sh->color) {
		ms_raw_str(sh, MS_VT100_RED);
	}
	ms_raw_str(sh, a);
	ms_raw_str(sh, b);
	if (sh->color) {
		ms_raw_str(sh, MS_VT100_MODESOFF);
	}
	ms_raw(sh, "\r\n", 2);
}

static void cmd_help(struct ms_shell *sh)
{
	ms_puts(sh,
		"Available commands:\n"
		"  help    : Prints the help message.\n"
		"  hil     : LLEXT hardware-in-the-loop commands (see docs/protocol.md).\n"
		"  kernel  : Kernel commands.\n");
}

static void cmd_kernel(struct ms_shell *sh, int argc, char **argv)
{
	if (argc >= 2 && ms_streq(argv[1], "reboot")) {
		if (argc == 3 && (ms_streq(argv[2], "cold") || ms_streq(argv[2], "warm"))) {
			if (sh->hooks.reboot != NULL) {
				sh->hooks.reboot(sh->ctx, ms_streq(argv[2], "cold"));
			}
			return;
		}
		ms_puts(sh, "reboot - Reboot.\nSubcommands:\n"
			"  cold  : Cold reboot.\n  warm  : Warm reboot.\n");
		return;
	}
	if (argc >= 2) {
		print_error(sh, argv[1], ": command not found");
		return;
	}
	ms_puts(sh, "kernel - Kernel commands\nSubcommands:\n  reboot  : Reboot.\n");
}

static void execute_line(struct ms_shell *sh)
{
	char *argv[MS_ARGC_MAX + 1];
	int argc;

	sh->line[sh->len] = '\0';
	argc = ms_tokenize(sh->line, argv, (int)MS_ARGC_MAX);
	if (argc < 0) {
		print_error(sh, "Too many parameters or an unclosed quote", "");
		return;
	}
	if (argc == 0) {
		return;
	}
	argv[argc] = NULL;
	if (ms_streq(argv[0], "hil") && sh->hooks.hil != NULL) {
		(void)sh->hooks.hil(sh->ctx, argc, argv);
	} else if (ms_streq(argv[0], "kernel")) {
		cmd_kernel(sh, argc, argv);
	} else if (ms_streq(argv[0], "help")) {
		cmd_help(sh);
	} else {
		print_error(sh, argv[0], ": command not found");
	}
}

static void on_enter(struct ms_shell *sh)
{
	ms_raw(sh, "\r\n", 2);
	sh->prompt_visible = false;
	sh->running = true;
	execute_line(sh);
	sh->running = false;
	sh->len = 0;
	/* A command may have left its last line without a newline. */
	if (sh->last_out != '\n') {
		ms_raw(sh, "\r\n", 2);
	}
	sh->prompt_pending = false;
	/* Zephyr's state_set() (subsys/shell/shell.c) prints no prompt while a bypass callback is
	 * installed: after a command that entered data mode the host sees its output and nothing else. */
	if (!sh->bypass) {
		ms_show_prompt_and_line(sh);
	}
}

static void on_backspace(struct ms_shell *sh)
{
	if (sh->len == 0) {
		return;
	}
	sh->len--;
	if (sh->color) {
		ms_raw_str(sh, "\x1b[1D\x1b[J"); /* cursor left, clear to the end, as Zephyr does */
	} else {
		ms_raw(sh, "\b \b", 3);
	}
}

/* Swallows VT100 sequences the terminal sends for arrow and function keys. */
static bool in_escape(struct ms_shell *sh, uint8_t c)
{
	switch (sh->esc_state) {
	case ESC_SEEN:
		sh->esc_state = (c == '[' || c == 'O') ? ESC_CSI : ESC_NONE;
		return true;
	case ESC_CSI:
		if (c >= 0x40 && c <= 0x7e) {
			sh->esc_state = ESC_NONE;
		}
		return true;
	default:
		return false;
	}
}

static void edit(struct ms_shell *sh, uint8_t c)
{
	if (in_escape(sh, c)) {
		return;
	}
	bool was_cr = sh->after_cr;

	sh->after_cr = false;
	switch (c) {
	case '\r':
		sh->after_cr = true;
		on_enter(sh);
		return;
	case '\n':
		if (!was_cr) {
			on_enter(sh);
		}
		return;
	case ASCII_BS:
	case ASCII_DEL:
		on_backspace(sh);
		return;
	case ASCII_ESC:
		sh->esc_state = ESC_SEEN;
		return;
	case ASCII_CTRLC:
		/* Abandon the line: new line, fresh prompt. */
		sh->len = 0;
		ms_raw(sh, "\r\n", 2);
		ms_show_prompt_and_line(sh);
		return;
	case ASCII_CTRLU:
		while (sh->len > 0) {
			on_backspace(sh);
		}
		return;
	default:
		break;
	}
	if (c < 0x20 || c > 0x7e || sh->len >= MS_LINE_MAX) {
		return; /* other control bytes and overflow are ignored, nothing echoed */
	}
	sh->line[sh->len++] = (char)c;
	ms_raw(sh, (const char *)&c, 1);
}

bool ms_process_one(struct ms_shell *sh)
{
	uint8_t c;

	show_pending_prompt(sh);
	if (!ms_rx_get(sh, &c)) {
		return false;
	}
	if (sh->bypass) {
		/* Zephyr's state_collect() hands every byte to the bypass callback before any line-end
		 * handling: the LF of the CRLF that ran the command is data too. The line-end state is
		 * left as it was, as Zephyr leaves its last_nl flag. */
		if (sh->hooks.bypass != NULL) {
			sh->hooks.bypass(sh->ctx, &c, 1);
		}
		show_pending_prompt(sh);
		return true;
	}
	edit(sh, c);
	return true;
}

void ms_process(struct ms_shell *sh)
{
	while (ms_process_one(sh)) {
	}
}
