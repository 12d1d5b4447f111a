/*
 * The `hil` command table, its dispatcher, and the two commands that describe it (`help`,
 * and `info` with its "cmds"). The table is the one place a command is
 * declared: its words, its argument usage, its handler, how many words it takes, and
 * whether it is read-only or test-only. Usage errors, the `info` "cmds" list, the unknown
 * command message and the `help` listing (which the host checks its read-only list
 * against) are all produced from it.
 */
#include <string.h>

#include "hil/config.h"
#include "hil/images.h"
#include "hil_internal.h"

/* The most words a command form takes (`ctx save` and its names): more answer the usage */
#define MAX_WORDS 24

/* Test-only handlers exist only in test builds (hil/config.h): elsewhere their rows stay in
 * the table, so `help` lists them and the dispatcher answers them -ENOTSUP. */
#if HIL_TEST_COMMANDS
#define TEST_ONLY(fn) fn
#else
#define TEST_ONLY(fn) NULL
#endif
/* Without the test commands their rows only explain why they are refused (`help`, the -ENOTSUP
 * sentence): builds without messages leave the rows out too, and the words are unknown there. */
#define TEST_ROWS (HIL_TEST_COMMANDS || HIL_MESSAGES)
/* The argument usage and `help` are text for people: builds without messages (hil/config.h)
 * leave them out. The usage errors then name the command's words only; `help` answers -ENOTSUP. */
#define ARGS(usage) HIL_WORDS(usage, "")
#if HIL_MESSAGES
#define WITH_MESSAGES(fn) fn
static int cmd_help(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
#else
#define WITH_MESSAGES(fn) NULL
#endif
static int cmd_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv);

/* words, args, handler, flags, fewest and most words (command words included) */
static const struct hil_cmd commands[] = {
	{ "info", "", cmd_info, HIL_CMD_READ_ONLY, 1, 1 },
	{ "upload begin", ARGS("<name> <len> <crc32hex>"), hil_cmd_upload_begin, HIL_CMD_NAMED, 5, 5 },
	{ "upload data", ARGS("<name>"), hil_cmd_upload_data, HIL_CMD_NAMED, 3, 3 },
#if HIL_UPLOAD_LIST
	{ "upload list", "", hil_cmd_upload_list, HIL_CMD_READ_ONLY, 2, 2 },
#endif
	{ "load", ARGS("<name>"), hil_cmd_load, HIL_CMD_NAMED, 2, 2 },
	{ "unload", ARGS("<name>"), hil_cmd_unload, HIL_CMD_NAMED, 2, 2 },
	{ "call", ARGS("<name> <symbol>"), hil_cmd_call, HIL_CMD_NAMED, 3, 3 },
	{ "state", "", hil_cmd_state, HIL_CMD_READ_ONLY, 1, 1 },
	{ "ctx save", ARGS("[<name>...]"), hil_cmd_ctx_save, 0, 2, MAX_WORDS },
	{ "ctx restore", ARGS("[order <i,j,...>]"), hil_cmd_ctx_restore, 0, 2, 4 },
	{ "ctx info", "", hil_cmd_ctx_info, HIL_CMD_READ_ONLY, 2, 2 },
#if TEST_ROWS
	{ "ctx erase", "", TEST_ONLY(hil_cmd_ctx_erase), HIL_CMD_TEST, 2, 2 },
	{ "fault", "", TEST_ONLY(hil_cmd_fault_show), HIL_CMD_READ_ONLY | HIL_CMD_TEST, 1, 1 },
	{ "fault alloc", ARGS("<k>"), TEST_ONLY(hil_cmd_fault_arm), HIL_CMD_TEST, 3, 3 },
	{ "fault flash", ARGS("<n>"), TEST_ONLY(hil_cmd_fault_arm), HIL_CMD_TEST, 3, 3 },
	{ "fault clear", "", TEST_ONLY(hil_cmd_fault_clear), HIL_CMD_TEST, 2, 2 },
#endif
	{ "reset", ARGS("[cold|warm]"), hil_cmd_reset, 0, 1, 2 },
	{ "last", ARGS("<id>"), hil_cmd_last, HIL_CMD_READ_ONLY, 2, 2 },
	{ "help", "", WITH_MESSAGES(cmd_help), HIL_CMD_READ_ONLY, 1, 1 },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Length of the first word of `words`. */
static size_t first_word_len(const char *words)
{
	const char *sp = strchr(words, ' ');

	return sp != NULL ? (size_t)(sp - words) : strlen(words);
}

static bool in_group(const struct hil_cmd *c, const char *word, size_t n)
{
	return first_word_len(c->words) == n && memcmp(c->words, word, n) == 0;
}

/* The form argv starts with (a two-word form before a one-word one), or NULL; *group
 * says whether argv[0] names a command group at all. */
static const struct hil_cmd *find_command(int argc, char **argv, bool *group)
{
	const struct hil_cmd *one = NULL;
	size_t n = strlen(argv[0]);

	*group = false;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct hil_cmd *c = &commands[i];

		if (!in_group(c, argv[0], n)) {
			continue;
		}
		*group = true;
		if (c->words[n] == '\0') {
			one = c;
		} else if (argc >= 2 && hil_streq(c->words + n + 1, argv[1])) {
			return c;
		}
	}
	return one;
}

/* The first word of command i as a string. */
static const char *group_word(size_t i, char out[16])
{
	size_t n = first_word_len(commands[i].words);

	memcpy(out, commands[i].words, n);
	out[n] = '\0';
	return out;
}

#if HIL_MESSAGES
/* The group of command i starts at i (groups are contiguous in the table). */
static bool starts_group(size_t i)
{
	return i == 0 || !in_group(&commands[i - 1], commands[i].words, first_word_len(commands[i].words));
}

static int msg_error(uint32_t id)
{
	return hil_out_msg_error(id, -HIL_EINVAL);
}

/* "usage: hil upload begin <...> | upload data <name> | upload list" */
static int group_usage(uint32_t id, const char *word)
{
	const char *sep = "usage: hil ";

	(void)hil_msgf("");
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (in_group(&commands[i], word, strlen(word))) {
			hil_msg_add(commands[i].args[0] != '\0' ? "%s%s %s" : "%s%s", sep, commands[i].words,
				    commands[i].args);
			sep = " | ";
		}
	}
	return msg_error(id);
}

/* `head`, then the command groups `sep`-separated (the usage of `hil`, or an unknown command). */
static int names_error(uint32_t id, const char *head, const char *sep, const char *got)
{
	char word[16];

	(void)hil_msgf("%s", head);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (starts_group(i)) {
			hil_msg_add("%s%s", i == 0 ? "" : sep, group_word(i, word));
		}
	}
	if (got != NULL) {
		hil_msg_add(", got '%s'", got);
	}
	return msg_error(id);
}
#else
/* Without messages a word that names no command (form) is a bad argument named "command". */
static int group_usage(uint32_t id, const char *word)
{
	(void)word; /* not printed without messages */
	return hil_bad_arg(id, "command", "", word);
}

static int names_error(uint32_t id, const char *head, const char *sep, const char *got)
{
	(void)head;
	(void)sep;
	(void)got;
	return hil_bad_arg(id, "command", "", "");
}
#endif

/* `"cmds":[` and the groups with a form that answers, each once (a group's forms are
 * contiguous); the caller closes the list. */
static void cmds_json(struct hil_json *j, bool with_test)
{
	const char *sep = "\"cmds\":[%s";
	const struct hil_cmd *listed = NULL; /* a form of the group listed last */
	char word[16];

	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct hil_cmd *c = &commands[i];
		bool answers = c->run != NULL && (with_test || (c->flags & HIL_CMD_TEST) == 0);

		if (answers && (listed == NULL || !in_group(listed, c->words, first_word_len(c->words)))) {
			hj_fmt(j, sep, group_word(i, word));
			sep = ",%s";
			listed = c;
		}
	}
}

/* Built in and switched on by the port. */
static bool test_commands_on(void)
{
	return HIL_TEST_COMMANDS && hil_g_port->test_commands;
}

/* Names of equal width in place, not a table of pointers to them. */
static const char reset_causes[][9] = { "power-on", "software", "pin", "watchdog", "unknown" };

/* `info`: the board, its build and the command groups of the table. */
static int cmd_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	const struct hil_port *p = hil_g_port;
	const struct hil_backend *b = hil_g_backend;
	unsigned cause = (unsigned)p->reset_cause <= HIL_RESET_UNKNOWN ? (unsigned)p->reset_cause
								      : HIL_RESET_UNKNOWN;
	struct hil_json *j = hil_out_begin(id, 0);

	(void)c;
	(void)argc;
	(void)argv;
	/* the version is a constant of plain characters: written as it is, like the keys */
	hj_fmt(j, "{\"fw\":\"" HIL_FW_VERSION "\",\"build\":%s,\"zephyr\":%s,\"board\":%s,\"arch\":%s,"
	       "\"sizes\":{\"llext\":%u,\"sect_map\":%u,\"symbol\":%u,\"ptr\":%u},\"max_deps\":%u,\"name_max\":%u,",
	       p->build_id, p->zephyr_version, p->board, p->arch, b->sizes.llext,
	       b->sizes.sect_map, b->sizes.symbol, b->sizes.ptr, HIL_MAX_DEPS, HIL_NAME_MAX);
	hil_heap_json(j);
	hj_fmt(j, ",\"flash\":{\"offset\":%u,\"size\":%u,\"erase\":%u,\"write\":%u},"
	       "\"image_store\":{\"size\":%u,\"used\":%u},\"boot\":%u,\"reset_cause\":%s,\"profile\":%s,"
	       "\"test\":%b,\"upload\":{\"chunk\":%u,\"window\":%u,\"rx_buf\":%u},",
	       p->flash.offset, p->flash.size, p->flash.erase_block, p->flash.write_block,
	       (uint32_t)hil_images_capacity(), (uint32_t)hil_images_used(), p->boot_count,
	       reset_causes[cause], b->profile, test_commands_on(), hil_core_upload_chunk(),
	       hil_core_upload_window(), (uint32_t)p->rx_buf);
	cmds_json(j, test_commands_on());
	hj_fmt(j, "]}");
	return hil_out_end();
}

#if HIL_MESSAGES
/* `help`: the table itself, so the host can check its read-only list against this build. */
static int cmd_help(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_json *j = hil_out_begin(id, 0);

	(void)c;
	(void)argc;
	(void)argv;
	hj_fmt(j, "{\"commands\":[");
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct hil_cmd *k = &commands[i];

		hj_fmt(j, HJ_ITEM(",{\"cmd\":%s,\"args\":%s,\"read_only\":%b,\"test\":%b}", i == 0), k->words,
		       k->args, (k->flags & HIL_CMD_READ_ONLY) != 0, (k->flags & HIL_CMD_TEST) != 0);
	}
	hj_fmt(j, "]}");
	return hil_out_end();
}
#endif

int hil_core_command(int argc, char **argv)
{
	uint32_t id = 0;
	bool group = false;

	if (hil_g_port == NULL) {
		return -HIL_EINVAL; /* not initialised: nowhere to print */
	}
	if (argc > 0 && argv[0][0] == '@') {
		int rc = hil_request_parse(argv[0] + 1, argc - 1, argv + 1, &id);

		if (rc == -HIL_EILSEQ) {
			return hil_out_error(id, rc, "request checksum does not match: refused, nothing ran (resend)");
		}
		if (rc != 0) {
			return hil_bad_arg(0, "id", "@<decimal 1..2147483647>[:<crc32hex>]", argv[0]);
		}
		argc--;
		argv++;
	}
	if (argc < 1) {
		return names_error(id, "usage: hil [@<id>[:<crc>]] <command> [arguments...]; commands: ", " ", NULL);
	}
	const struct hil_cmd *c = find_command(argc, argv, &group);

	if (c == NULL) {
		return group ? group_usage(id, argv[0])
			     : names_error(id, "command: expected one of ", ", ", argv[0]);
	}
	if (c->run == NULL || ((c->flags & HIL_CMD_TEST) != 0 && !test_commands_on())) {
		return hil_out_error(id, -HIL_ENOTSUP,
				     "%s is a test command, not built in (enable CONFIG_LLEXT_HIL_TEST)", c->words);
	}
	if (argc < c->argc_min || argc > c->argc_max) {
		const struct hil_cmd *next = c + 1;

		/* `fault <unknown>`: a one-word form whose group has more forms answers the usage of
		 * the whole group (a two-word form's words are never the first word of the next row) */
		return next < &commands[N_COMMANDS] && in_group(next, c->words, strlen(c->words))
			       ? group_usage(id, argv[0])
			       : hil_usage(id, c);
	}
	if ((c->flags & HIL_CMD_NAMED) != 0) {
		int rc = hil_name_arg(id, argv[strchr(c->words, ' ') != NULL ? 2 : 1]);

		if (rc != 0) {
			return rc;
		}
	}
	if ((c->flags & HIL_CMD_READ_ONLY) != 0) {
		return c->run(c, id, argc, argv);
	}
	/* may change the board: remembered for `last`, with its result line */
	hil_request_capture(id);
	int rc = c->run(c, id, argc, argv);

	hil_request_done(id, rc);
	return rc;
}
