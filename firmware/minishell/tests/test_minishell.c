/*
 * Unit tests of minishell against a captured output buffer: what the wire shows for typed
 * keys, commands, log lines, bypass mode and a full RX ring.
 */
#include "minishell/minishell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[8192];
static size_t out_len;
static int failures;

static char hil_args[8][64];
static int hil_argc, hil_calls;
static int reboots, reboot_cold;
static char bypassed[256];
static size_t bypassed_len;
static int bypass_stop_at = -1; /* turn bypass off when this byte arrives */
static struct ms_shell sh;
static uint8_t ring[64];

static void cap_write(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	if (out_len + len >= sizeof(out)) {
		fprintf(stderr, "capture overflow\n");
		exit(2);
	}
	memcpy(out + out_len, buf, len);
	out_len += len;
	out[out_len] = '\0';
}

static int hil(void *ctx, int argc, char **argv)
{
	(void)ctx;
	hil_calls++;
	hil_argc = argc;
	for (int i = 0; i < argc && i < 8; i++) {
		snprintf(hil_args[i], sizeof(hil_args[i]), "%s", argv[i]);
	}
	if (argc >= 2 && strcmp(argv[1], "bypass") == 0) {
		ms_print(&sh, "@@HIL|0|0|{}|x\n", 15);
		ms_set_bypass(&sh, true);
	}
	return 0;
}

static void bypass(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		bypassed[bypassed_len++] = (char)buf[i];
		if ((int)buf[i] == bypass_stop_at) {
			ms_puts(&sh, "@@UPL|done\n");
			ms_set_bypass(&sh, false);
		}
	}
}

static void reboot(void *ctx, bool cold)
{
	(void)ctx;
	reboots++;
	reboot_cold = cold;
}

static uint64_t uptime(void *ctx)
{
	(void)ctx;
	return 3723004005ull; /* 01:02:03.004,005 */
}

static void reset(bool color)
{
	static const struct ms_hooks hooks = { cap_write, hil, bypass, reboot, uptime };

	ms_init(&sh, &hooks, NULL, ring, sizeof(ring), color);
	out_len = 0;
	out[0] = '\0';
	hil_calls = hil_argc = reboots = 0;
	bypassed_len = 0;
	bypass_stop_at = -1;
	ms_start(&sh);
}

static void type(const char *s)
{
	size_t len = strlen(s);

	if (ms_rx_put(&sh, (const uint8_t *)s, len) != len) {
		fprintf(stderr, "ring full while typing\n");
		exit(2);
	}
	ms_process(&sh);
}

#define CHECK(cond) do { if (!(cond)) { failures++; \
	fprintf(stderr, "%s:%d: CHECK(%s) failed; output was:\n[%s]\n", __FILE__, __LINE__, #cond, out); } } while (0)
#define CHECK_OUT(expected) CHECK(strcmp(out, expected) == 0)

static void test_prompt_echo_and_enter(void)
{
	reset(false);
	CHECK_OUT("uart:~$ ");
	type("hil info\r\n");
	CHECK(hil_calls == 1 && hil_argc == 2 && strcmp(hil_args[1], "info") == 0);
	CHECK_OUT("uart:~$ hil info\r\nuart:~$ ");
	type("hil a\n");
	type("hil b\r");
	type("\n");        /* LF of a CRLF split across reads: still part of the same line end */
	CHECK(hil_calls == 3);
	type("\n");        /* a lone LF is an (empty) line of its own */
	CHECK_OUT("uart:~$ hil info\r\nuart:~$ hil a\r\nuart:~$ hil b\r\nuart:~$ \r\nuart:~$ ");
}

static void test_color_prompt(void)
{
	reset(true);
	CHECK_OUT("\x1b[1;32muart:~$ \x1b[m");
	type("nope\r");
	CHECK(strstr(out, "\r\n\x1b[1;31mnope: command not found\x1b[m\r\n\x1b[1;32muart:~$ \x1b[m") != NULL);
}

static void test_unknown_and_editing(void)
{
	reset(false);
	type("fox\x08o\x7f" "o\r");
	CHECK_OUT("uart:~$ fox\b \bo\b \bo\r\nfoo: command not found\r\nuart:~$ ");
	reset(false);
	type("\x7f\x7fhil \x1b[Ainfo\r"); /* backspace on an empty line and an arrow key: ignored */
	CHECK(hil_calls == 1 && strcmp(hil_args[1], "info") == 0);
	CHECK_OUT("uart:~$ hil info\r\nuart:~$ ");
}

static void test_tokenize(void)
{
	char line[] = "  hil  a \"b c\" 'd\"e' f\\ g  ";
	char *argv[8];
	int argc = ms_tokenize(line, argv, 8);

	CHECK(argc == 5);
	if (argc == 5) {
		CHECK(strcmp(argv[0], "hil") == 0 && strcmp(argv[1], "a") == 0);
		CHECK(strcmp(argv[2], "b c") == 0 && strcmp(argv[3], "d\"e") == 0);
		CHECK(strcmp(argv[4], "f g") == 0);
	}
	char open_quote[] = "a \"b";
	CHECK(ms_tokenize(open_quote, argv, 8) == -1);
	char many[] = "a b c d e f g h i";
	CHECK(ms_tokenize(many, argv, 8) == -1);
}

static void test_log_around_prompt(void)
{
	reset(false);
	type("hi");
	out_len = 0;
	ms_log(&sh, MS_LOG_INF, "llext_hil", "boot 7");
	CHECK_OUT("\r          \r[01:02:03.004,005] <inf> llext_hil: boot 7\r\nuart:~$ hi");
	reset(true);
	type("hi");
	out_len = 0;
	ms_log(&sh, MS_LOG_WRN, "llext_hil", "w");
	CHECK_OUT("\r\x1b[2K[01:02:03.004,005] \x1b[1;33m<wrn> llext_hil: w\x1b[0m\r\n"
		  "\x1b[1;32muart:~$ \x1b[m" "hi");
}

/* Each rule mirrors Zephyr's subsys/shell/shell.c (the same in 3.5 and v4.x). */
static void test_bypass(void)
{
	reset(false);
	bypass_stop_at = 0;
	/* state_collect(): the bypass branch comes before process_nl(), so the LF of the CRLF
	 * that ran the command reaches the callback */
	type("hil bypass\r\n\xa5Z\x01");
	CHECK(bypassed_len == 4 && memcmp(bypassed, "\n\xa5Z\x01", 4) == 0);
	/* state_set(): no prompt while a bypass callback is installed */
	CHECK_OUT("uart:~$ hil bypass\r\n@@HIL|0|0|{}|x\r\n");
	/* state_collect(): the callback ended bypass, state_set(ACTIVE) prints the prompt at once,
	 * and the rest of the input is a command line again */
	ms_rx_put(&sh, (const uint8_t *)"\0hil x\r", 7); /* NUL ends bypass in this test */
	ms_process(&sh);
	CHECK(bypassed_len == 5 && !ms_bypass(&sh));
	CHECK(hil_calls == 2 && strcmp(hil_args[1], "x") == 0);
	CHECK_OUT("uart:~$ hil bypass\r\n@@HIL|0|0|{}|x\r\n@@UPL|done\r\nuart:~$ hil x\r\nuart:~$ ");
}

static void test_bypass_output_from_elsewhere(void)
{
	reset(false);
	type("hil bypass\r");
	out_len = 0;
	/* shell_vfprintf(): in bypass mode output is neither preceded by an erase of the prompt
	 * line nor followed by a reprinted prompt */
	ms_log(&sh, MS_LOG_INF, "llext_hil", "tick");
	CHECK_OUT("[01:02:03.004,005] <inf> llext_hil: tick\r\n");
	/* bytes received while the command ran (typed ahead of the result) go to the callback */
	reset(false);
	type("hil bypass\rAB");
	CHECK(bypassed_len == 2 && memcmp(bypassed, "AB", 2) == 0);
}

static void test_ring_drops_when_full(void)
{
	uint8_t junk[100];

	reset(false);
	memset(junk, 'x', sizeof(junk));
	CHECK(ms_rx_put(&sh, junk, sizeof(junk)) == sizeof(ring));
	CHECK(ms_rx_dropped(&sh) == sizeof(junk) - sizeof(ring));
	CHECK(ms_rx_free(&sh) == 0);
	ms_process(&sh);
	CHECK(ms_rx_used(&sh) == 0 && ms_rx_free(&sh) == sizeof(ring));
	/* Wrap the indices around many times: nothing lost, nothing invented. */
	for (int i = 0; i < 1000; i++) {
		CHECK(ms_rx_put(&sh, junk, 37) == 37);
		ms_process(&sh);
	}
	CHECK(ms_rx_dropped(&sh) == sizeof(junk) - sizeof(ring));
}

static void test_kernel_reboot_and_help(void)
{
	reset(false);
	type("kernel reboot cold\r");
	CHECK(reboots == 1 && reboot_cold);
	type("kernel reboot warm\r");
	CHECK(reboots == 2 && !reboot_cold);
	type("kernel reboot\r");
	CHECK(reboots == 2);
	out_len = 0;
	type("help\r");
	CHECK(strstr(out, "  hil ") != NULL && strstr(out, "\n") == strstr(out, "\r\n") + 1);
}

static void test_fatal_banner(void)
{
	reset(false);
	out_len = 0;
	ms_fatal_assert(&sh, "!heap_corrupt", "model/heap.c", 42, NULL);
	ms_fatal_halt(&sh);
	CHECK_OUT("\r\nASSERTION FAIL [!heap_corrupt] @ model/heap.c:42\r\n"
		  "\tunexpected heap state (double-free?)\r\n"
		  ">>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU 0\r\nHalting system\r\n");
}

int main(void)
{
	test_prompt_echo_and_enter();
	test_color_prompt();
	test_unknown_and_editing();
	test_tokenize();
	test_log_around_prompt();
	test_bypass();
	test_bypass_output_from_elsewhere();
	test_ring_drops_when_full();
	test_kernel_reboot_and_help();
	test_fatal_banner();
	if (failures != 0) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("minishell: all checks passed\n");
	return 0;
}
