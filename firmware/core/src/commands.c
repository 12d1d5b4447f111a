/* The `hil` command dispatcher and every command except `ctx` (cmd_ctx.c). */
#include <string.h>

#include "flash_ops.h"
#include "hil/images.h"
#include "hil_internal.h"

#define MAX_WORDS 24

static const char *const reset_causes[] = { "power-on", "software", "pin", "watchdog", "unknown" };

/* "<what>: expected <form>, got '<got>'" */
static int bad_arg(uint32_t id, const char *what, const char *form, const char *got)
{
	hil_msg_reset();
	hil_msg(what);
	hil_msg(": expected ");
	hil_msg(form);
	if (got != NULL) {
		hil_msg(", got '");
		hil_msg(got);
		hil_msg("'");
	}
	return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
}

static int name_arg(uint32_t id, const char *what, const char *s)
{
	int rc = hil_check_name(what, s);

	if (rc != 0) {
		return hil_out_error(id, rc, hil_msg_text());
	}
	return 0;
}

static void heap_json(struct hil_json *j)
{
	struct hil_heap_stats hs;

	memset(&hs, 0, sizeof(hs));
	hil_g_backend->heap(&hs);
	hj_key(j, "heap");
	hj_obj(j);
	hj_kint(j, "size", hs.size);
	hj_kint(j, "used", hs.used);
	hj_kint(j, "free", hs.free);
	hj_kint(j, "max_used", hs.max_used);
	hj_kint(j, "allocs", hs.allocs);
	hj_end_obj(j);
}

static void cmds_json(struct hil_json *j, bool with_test);

static int cmd_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		return hil_usage(id, c);
	}
	const struct hil_port *p = hil_g_port;
	const struct hil_backend *b = hil_g_backend;
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);
	unsigned cause = (unsigned)p->reset_cause <= HIL_RESET_UNKNOWN ? (unsigned)p->reset_cause
								      : HIL_RESET_UNKNOWN;

	hj_obj(j);
	hj_kstr(j, "fw", HIL_FW_VERSION);
	hj_kstr(j, "build", p->build_id);
	hj_kstr(j, "zephyr", p->zephyr_version);
	hj_kstr(j, "board", p->board);
	hj_kstr(j, "arch", p->arch);
	hj_key(j, "sizes");
	hj_obj(j);
	hj_kint(j, "llext", b->sizes.llext);
	hj_kint(j, "sect_map", b->sizes.sect_map);
	hj_kint(j, "symbol", b->sizes.symbol);
	hj_kint(j, "ptr", b->sizes.ptr);
	hj_end_obj(j);
	hj_kint(j, "max_deps", HIL_MAX_DEPS);
	hj_kint(j, "name_max", HIL_NAME_MAX);
	heap_json(j);
	hj_key(j, "flash");
	hj_obj(j);
	hj_kint(j, "offset", p->flash.offset);
	hj_kint(j, "size", p->flash.size);
	hj_kint(j, "erase", p->flash.erase_block);
	hj_kint(j, "write", p->flash.write_block);
	hj_end_obj(j);
	hj_key(j, "image_store");
	hj_obj(j);
	hj_kint(j, "size", (int64_t)hil_images_capacity());
	hj_kint(j, "used", (int64_t)hil_images_used());
	hj_end_obj(j);
	hj_kint(j, "boot", p->boot_count);
	hj_kstr(j, "reset_cause", reset_causes[cause]);
	hj_kstr(j, "profile", b->profile);
	hj_kbool(j, "test", p->test_commands);
	hj_key(j, "upload");
	hj_obj(j);
	hj_kint(j, "chunk", hil_core_upload_chunk());
	hj_kint(j, "window", hil_core_upload_window());
	hj_kint(j, "rx_buf", (int64_t)p->rx_buf);
	hj_end_obj(j);
	cmds_json(j, p->test_commands);
	hj_end_obj(j);
	return hil_out_end();
}

static int upload_begin(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint32_t len, crc;
	const struct hil_image *img;

	if (argc != 5) {
		return hil_usage(id, c);
	}
	int rc = name_arg(id, "name", argv[2]);

	if (rc != 0) {
		return rc;
	}
	if (!hil_parse_u32(argv[3], 1, 0xffffffffu, &len)) {
		return bad_arg(id, "len", "a decimal byte count >= 1", argv[3]);
	}
	if (!hil_parse_hex32(argv[4], &crc)) {
		return bad_arg(id, "crc32hex", "1..8 hex digits", argv[4]);
	}
	rc = hil_images_begin(argv[2], len, crc, hil_image_busy, &img);
	if (rc != 0) {
		hil_msg_reset();
		hil_msg("image '");
		hil_msg(argv[2]);
		if (rc == -HIL_ENOSPC) {
			hil_msg("' does not fit: image store ");
			hil_msg_int((int64_t)hil_images_capacity());
			hil_msg(" bytes, used ");
			hil_msg_int((int64_t)hil_images_used());
			hil_msg(", at most 16 images");
		} else if (rc == -HIL_EBUSY) {
			hil_msg("' is in use by a loaded extension; unload it first");
		} else {
			hil_msg("' exists with another len/crc and is not the last image; reset to clear the store");
		}
		return hil_out_error(id, rc, hil_msg_text());
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_kstr(j, "name", img->name);
	hj_kint(j, "len", img->len);
	hj_kint(j, "next", img->received);
	hj_kint(j, "chunk", hil_core_upload_chunk());
	hj_kint(j, "window", hil_core_upload_window());
	hj_end_obj(j);
	return hil_out_end();
}

static int upload_data(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	if (argc != 3) {
		return hil_usage(id, c);
	}
	int rc = name_arg(id, "name", argv[2]);

	if (rc != 0) {
		return rc;
	}
	const struct hil_image *img = hil_images_by_name(argv[2]);

	if (img == NULL) {
		hil_msg_reset();
		hil_msg("no image named '");
		hil_msg(argv[2]);
		hil_msg("'; start with upload begin");
		return hil_out_error(id, -HIL_ENOENT, hil_msg_text());
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_kstr(j, "name", img->name);
	hj_kint(j, "next", img->received);
	hj_end_obj(j);
	rc = hil_out_end();
	if (rc == 0) {
		hil_upload_start(img->name, id, img->received);
	}
	return rc;
}

static int upload_list(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)argv;
	if (argc != 2) {
		return hil_usage(id, c);
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_key(j, "images");
	hj_arr(j);
	for (size_t i = 0; i < hil_images_count(); i++) {
		const struct hil_image *img = hil_images_at(i);

		hj_obj(j);
		hj_kstr(j, "name", img->name);
		hj_kint(j, "len", img->len);
		hj_khex32(j, "crc", img->crc);
		hj_kint(j, "received", img->received);
		hj_kbool(j, "complete", img->complete);
		hj_end_obj(j);
	}
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_end();
}

static int ext_error(uint32_t id, int rc, const char *what, const char *name)
{
	hil_msg_reset();
	if (rc == -HIL_ENOENT) {
		hil_msg("no extension named '");
		hil_msg(name);
		hil_msg("' is loaded");
	} else {
		hil_msg(what);
		hil_msg(" '");
		hil_msg(name);
		hil_msg("' failed: ");
		hil_msg_int(rc);
	}
	return hil_out_error(id, rc, hil_msg_text());
}

static int name_and_use_count(uint32_t id, int rc, const char *name, uint32_t use_count)
{
	struct hil_json *j = hil_out_begin("@@HIL", id, rc);

	hj_obj(j);
	hj_kstr(j, "name", name);
	hj_kint(j, "use_count", use_count);
	hj_end_obj(j);
	return hil_out_end();
}

static int cmd_load(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint8_t *data;
	size_t len;
	uint32_t uc = 0;

	if (argc != 2) {
		return hil_usage(id, c);
	}
	int rc = name_arg(id, "name", argv[1]);

	if (rc != 0) {
		return rc;
	}
	rc = hil_images_find(argv[1], &data, &len);
	if (rc != 0) {
		hil_msg_reset();
		hil_msg(rc == -HIL_ENOENT ? "no image named '" : "image '");
		hil_msg(argv[1]);
		hil_msg(rc == -HIL_ENOENT ? "'; upload it first" : "' is incomplete or failed its CRC");
		return hil_out_error(id, rc, hil_msg_text());
	}
	rc = hil_g_backend->load(argv[1], data, len);
	if (rc < 0) {
		hil_msg_reset();
		hil_msg("llext_load of '");
		hil_msg(argv[1]);
		hil_msg("' returned ");
		hil_msg_int(rc);
		return hil_out_error(id, rc, hil_msg_text());
	}
	(void)hil_g_backend->use_count(argv[1], &uc);
	return name_and_use_count(id, rc, argv[1], uc);
}

static int cmd_unload(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint32_t uc = 0;

	if (argc != 2) {
		return hil_usage(id, c);
	}
	int rc = name_arg(id, "name", argv[1]);

	if (rc != 0) {
		return rc;
	}
	rc = hil_g_backend->unload(argv[1], &uc);
	if (rc < 0) {
		return ext_error(id, rc, "unload", argv[1]);
	}
	return name_and_use_count(id, rc, argv[1], uc);
}

static int cmd_call(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	int32_t value = 0;

	if (argc != 3) {
		return hil_usage(id, c);
	}
	int rc = name_arg(id, "name", argv[1]);

	if (rc != 0) {
		return rc;
	}
	size_t sl = strlen(argv[2]);

	if (sl == 0 || sl > HIL_SYM_NAME_MAX) {
		hil_msg_reset();
		hil_msg("symbol: expected a symbol name of 1..31 characters");
		return hil_out_error(id, sl == 0 ? -HIL_EINVAL : -HIL_ENAMETOOLONG, hil_msg_text());
	}
	rc = hil_g_backend->call(argv[1], argv[2], &value);
	if (rc < 0) {
		hil_msg_reset();
		if (rc == -HIL_ENOENT) {
			hil_msg("no extension named '");
			hil_msg(argv[1]);
			hil_msg("' is loaded, or it exports no symbol '");
			hil_msg(argv[2]);
			hil_msg("'");
		} else {
			hil_msg("call of '");
			hil_msg(argv[2]);
			hil_msg("' failed: ");
			hil_msg_int(rc);
		}
		return hil_out_error(id, rc, hil_msg_text());
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_kstr(j, "name", argv[1]);
	hj_kstr(j, "symbol", argv[2]);
	hj_kint(j, "value", value);
	hj_end_obj(j);
	return hil_out_end();
}

static void ext_state_json(struct hil_json *j, const struct hil_ext_state *e)
{
	uint32_t nd = e->n_deps < HIL_MAX_DEPS ? e->n_deps : HIL_MAX_DEPS;

	hj_obj(j);
	hj_key(j, "name");
	hj_strn(j, e->name, strlen(e->name) < HIL_NAME_MAX ? strlen(e->name) : HIL_NAME_MAX);
	hj_kint(j, "use_count", e->use_count);
	hj_key(j, "deps");
	hj_arr(j);
	for (uint32_t d = 0; d < nd; d++) {
		hj_str(j, e->deps[d]);
	}
	hj_end_arr(j);
	hj_kint(j, "exp", e->exp_cnt);
	hj_kint(j, "sect", e->sect_cnt);
	hj_kint(j, "alloc", e->alloc);
	hj_end_obj(j);
}

static int cmd_state(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_ext_state e;

	(void)argv;
	if (argc != 1) {
		return hil_usage(id, c);
	}
	size_t n = hil_g_backend->list(0, &e, 0);

	if (n > HIL_CTX_MAX_EXT) {
		hil_msg_reset();
		hil_msg("more extensions loaded (");
		hil_msg_int((int64_t)n);
		hil_msg(") than state can report (16)");
		return hil_out_error(id, -HIL_ENOSPC, hil_msg_text());
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_key(j, "exts");
	hj_arr(j);
	for (size_t i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		(void)hil_g_backend->list(i, &e, 1);   /* one entry at a time, streamed */
		e.name[HIL_NAME_MAX] = '\0';
		ext_state_json(j, &e);
	}
	hj_end_arr(j);
	heap_json(j);
	hj_end_obj(j);
	return hil_out_end();
}

static int fault_show(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	const struct hil_backend *b = hil_g_backend;
	struct hil_json *j;

	(void)argv;
	if (argc != 1) {
		return hil_usage(id, c);
	}
	j = hil_out_begin("@@HIL", id, 0);
	hj_obj(j);
	hj_kint(j, "alloc", b->fault_alloc_armed());
	hj_kint(j, "flash", hil_flash_fault_armed());
	hj_kint(j, "alloc_calls", b->alloc_calls());
	hj_end_obj(j);
	return hil_out_end();
}

static int fault_clear(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_json *j;

	(void)argv;
	if (argc != 2) {
		return hil_usage(id, c);
	}
	hil_g_backend->fault_alloc(0);
	hil_flash_fault_arm(0);
	j = hil_out_begin("@@HIL", id, 0);
	hj_obj(j);
	hj_kint(j, "alloc", 0);
	hj_kint(j, "flash", 0);
	hj_end_obj(j);
	return hil_out_end();
}

/* `fault alloc <k>` and `fault flash <n>`: one number, armed for later. */
static int fault_arm(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	bool alloc = hil_streq(argv[1], "alloc");
	struct hil_json *j;
	uint32_t k;

	if (argc != 3) {
		return hil_usage(id, c);
	}
	if (!hil_parse_u32(argv[2], 1, 0x7fffffffu, &k)) {
		return alloc ? bad_arg(id, "k", "a decimal allocation count >= 1", argv[2])
			     : bad_arg(id, "n", "a decimal flash operation number >= 1", argv[2]);
	}
	if (alloc) {
		hil_g_backend->fault_alloc(k);
	} else {
		hil_flash_fault_arm(k);
	}
	j = hil_out_begin("@@HIL", id, 0);
	hj_obj(j);
	hj_kint(j, alloc ? "alloc" : "flash", k);
	hj_end_obj(j);
	return hil_out_end();
}

static int cmd_reset(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	bool cold = true;

	if (argc > 2) {
		return hil_usage(id, c);
	}
	if (argc == 2) {
		if (hil_streq(argv[1], "warm")) {
			cold = false;
		} else if (!hil_streq(argv[1], "cold")) {
			return bad_arg(id, "mode", "cold or warm", argv[1]);
		}
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_kstr(j, "reset", cold ? "cold" : "warm");
	hj_end_obj(j);
	(void)hil_out_end();
	if (hil_g_port->flush != NULL) {
		hil_g_port->flush();
	}
	hil_g_port->reset(cold);
	return 0; /* only reached when the port's reset returns (unit tests) */
}

static int cmd_help(const struct hil_cmd *c, uint32_t id, int argc, char **argv);

/* Every command form, in the order `help` lists them. Adding a command is one line here
 * plus its handler. */
static const struct hil_cmd commands[] = {
	{ "info", "", cmd_info, HIL_CMD_READ_ONLY },
	{ "upload begin", "<name> <len> <crc32hex>", upload_begin, 0 },
	{ "upload data", "<name>", upload_data, 0 },
	{ "upload list", "", upload_list, HIL_CMD_READ_ONLY },
	{ "load", "<name>", cmd_load, 0 },
	{ "unload", "<name>", cmd_unload, 0 },
	{ "call", "<name> <symbol>", cmd_call, 0 },
	{ "state", "", cmd_state, HIL_CMD_READ_ONLY },
	{ "ctx save", "[<name>...]", hil_cmd_ctx_save, 0 },
	{ "ctx restore", "[order <i,j,...>]", hil_cmd_ctx_restore, 0 },
	{ "ctx info", "", hil_cmd_ctx_info, HIL_CMD_READ_ONLY },
	{ "ctx erase", "", hil_cmd_ctx_erase, HIL_CMD_TEST },
	{ "fault", "", fault_show, HIL_CMD_READ_ONLY | HIL_CMD_TEST },
	{ "fault alloc", "<k>", fault_arm, HIL_CMD_TEST },
	{ "fault flash", "<n>", fault_arm, HIL_CMD_TEST },
	{ "fault clear", "", fault_clear, HIL_CMD_TEST },
	{ "reset", "[cold|warm]", cmd_reset, 0 },
	{ "last", "<id>", hil_cmd_last, HIL_CMD_READ_ONLY },
	{ "help", "", cmd_help, HIL_CMD_READ_ONLY },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Length of the first word of `words`. */
static size_t first_word_len(const char *words)
{
	size_t n = 0;

	while (words[n] != '\0' && words[n] != ' ') {
		n++;
	}
	return n;
}

static bool same_first_word(const char *words, const char *word)
{
	size_t n = first_word_len(words);

	return strlen(word) == n && memcmp(words, word, n) == 0;
}

static bool same_group(const struct hil_cmd *a, const struct hil_cmd *b)
{
	size_t n = first_word_len(a->words);

	return n == first_word_len(b->words) && memcmp(a->words, b->words, n) == 0;
}

/* The form argv starts with: a two-word form ("ctx save") before a one-word one ("fault"). */
static const struct hil_cmd *find_command(int argc, char **argv)
{
	const struct hil_cmd *one = NULL;

	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct hil_cmd *c = &commands[i];
		size_t n = first_word_len(c->words);

		if (!same_first_word(c->words, argv[0])) {
			continue;
		}
		if (c->words[n] == '\0') {
			one = c;
		} else if (argc >= 2 && hil_streq(c->words + n + 1, argv[1])) {
			return c;
		}
	}
	return one;
}

/* Forms sharing c's first word besides c itself ("fault" has "fault alloc", ...). */
static bool has_sub_commands(const struct hil_cmd *c)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (&commands[i] != c && same_group(&commands[i], c)) {
			return true;
		}
	}
	return false;
}

/* The distinct first words, `sep`-separated, into the message. */
static void msg_command_names(const char *sep)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		char word[16];
		size_t n = first_word_len(commands[i].words);

		if (i > 0 && same_group(&commands[i - 1], &commands[i])) {
			continue; /* groups are contiguous in the table */
		}
		memcpy(word, commands[i].words, n);
		word[n] = '\0';
		if (i > 0) {
			hil_msg(sep);
		}
		hil_msg(word);
	}
}

/* "cmds": the command groups this build answers (test-only groups only with test commands). */
static void cmds_json(struct hil_json *j, bool with_test)
{
	hj_key(j, "cmds");
	hj_arr(j);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		bool listed = false;

		if (i > 0 && same_group(&commands[i - 1], &commands[i])) {
			continue;
		}
		for (size_t k = i; k < N_COMMANDS && same_group(&commands[k], &commands[i]); k++) {
			listed = listed || with_test || (commands[k].flags & HIL_CMD_TEST) == 0;
		}
		if (listed) {
			hj_strn(j, commands[i].words, first_word_len(commands[i].words));
		}
	}
	hj_end_arr(j);
}

/* "usage: hil upload begin <...> | upload data <name> | upload list" for an unknown sub-command. */
static int group_usage(uint32_t id, const char *word)
{
	bool first = true;

	hil_msg_reset();
	hil_msg("usage: hil ");
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (!same_first_word(commands[i].words, word)) {
			continue;
		}
		if (!first) {
			hil_msg(" | ");
		}
		first = false;
		hil_msg(commands[i].words);
		if (commands[i].args[0] != '\0') {
			hil_msg(" ");
			hil_msg(commands[i].args);
		}
	}
	return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
}

/* `help`: the table itself, so the host can check its read-only list against this build. */
static int cmd_help(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		return hil_usage(id, c);
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_key(j, "commands");
	hj_arr(j);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		hj_obj(j);
		hj_kstr(j, "cmd", commands[i].words);
		hj_kstr(j, "args", commands[i].args);
		hj_kbool(j, "read_only", (commands[i].flags & HIL_CMD_READ_ONLY) != 0);
		hj_kbool(j, "test", (commands[i].flags & HIL_CMD_TEST) != 0);
		hj_end_obj(j);
	}
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_end();
}

static int unknown_command(uint32_t id, const char *got)
{
	hil_msg_reset();
	hil_msg("command: expected one of ");
	msg_command_names(", ");
	hil_msg(", got '");
	hil_msg(got);
	hil_msg("'");
	return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
}

static bool group_exists(const char *word)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (same_first_word(commands[i].words, word)) {
			return true;
		}
	}
	return false;
}

static int dispatch(uint32_t id, int argc, char **argv)
{
	if (argc < 1) {
		hil_msg_reset();
		hil_msg("usage: hil [@<id>[:<crc>]] <command> [arguments...]; commands: ");
		msg_command_names(" ");
		return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
	}
	const struct hil_cmd *c = find_command(argc, argv);

	if (c == NULL) {
		return group_exists(argv[0]) ? group_usage(id, argv[0]) : unknown_command(id, argv[0]);
	}
	if ((c->flags & HIL_CMD_TEST) != 0 && !hil_g_port->test_commands) {
		hil_msg_reset();
		hil_msg(c->words);
		hil_msg(" is a test command, not built in (enable CONFIG_LLEXT_HIL_TEST)");
		return hil_out_error(id, -HIL_ENOTSUP, hil_msg_text());
	}
	if (argc >= 2 && first_word_len(c->words) == strlen(c->words) && has_sub_commands(c)) {
		return group_usage(id, argv[0]);   /* `fault <unknown>` */
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

int hil_core_command(int argc, char **argv)
{
	uint32_t id = 0;

	if (hil_g_port == NULL) {
		return -HIL_EINVAL; /* not initialised: nowhere to print */
	}
	if (argc > 0 && argv[0][0] == '@') {
		int rc = hil_request_parse(argv[0] + 1, argc - 1, argv + 1, &id);

		if (rc == -HIL_EILSEQ) {
			return hil_out_error(id, rc, "request checksum does not match: refused, nothing ran (resend)");
		}
		if (rc != 0) {
			return bad_arg(0, "id", "@<decimal 1..2147483647>[:<crc32hex>]", argv[0]);
		}
		argc--;
		argv++;
	}
	return dispatch(id, argc, argv);
}

int hil_core_command_line(char *line)
{
	char *words[MAX_WORDS];
	int n = 0;
	char *p = line;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			*p++ = '\0';
		}
		if (*p == '\0') {
			break;
		}
		if (n == MAX_WORDS) {
			return hil_out_error(0, -HIL_EINVAL, "line: more than 24 words");
		}
		words[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			p++;
		}
	}
	return hil_core_command(n, words);
}
