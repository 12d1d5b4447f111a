/*
 * The core as a board short of flash builds it (app/small_flash.conf): HIL_TEST_COMMANDS=0
 * (CONFIG_LLEXT_HIL_TEST=n), HIL_MESSAGES=0 (CONFIG_LLEXT_HIL_MESSAGES=n), HIL_UPLOAD_LIST=0
 * (CONFIG_LLEXT_HIL_UPLOAD_LIST=n) and HIL_REPLAY_MAX=0 (CONFIG_LLEXT_HIL_REPLAY_MAX=0). What
 * these options take away answers as docs/firmware-core.md says; everything else (upload, load,
 * call, save, reboot, restore, checked requests, whether a request ran) gives the same results
 * as the default build.
 */
#include <string.h>

#include "hil/config.h"
#include "test_support.h"

#if HIL_TEST_COMMANDS || HIL_MESSAGES || HIL_UPLOAD_LIST || HIL_REPLAY_MAX
#error "test_small_build is built with HIL_TEST_COMMANDS=0, HIL_MESSAGES=0, HIL_UPLOAD_LIST=0, HIL_REPLAY_MAX=0"
#endif

static uint8_t a_img[500], b_img[200];

static void test_commands_left_out(void)
{
	int rc;
	const char *json;

	/* the port switches the test commands on, but they are not built in */
	CHECK(t_port.test_commands);
	/* without messages their rows are left out too: unknown words */
	CHECK_CMD("fault", -HIL_EINVAL, "{\"error\":\"command\"}");
	CHECK_CMD("fault flash 3", -HIL_EINVAL, "{\"error\":\"command\"}");
	CHECK_CMD("ctx erase", -HIL_EINVAL, "{\"error\":\"command\"}");
	json = t_cmd_json("info", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "\"test\":false");
	CHECK_CONTAINS(json, "\"cmds\":[\"info\",\"upload\",\"load\",\"unload\",\"call\",\"state\",\"ctx\",\"reset\",\"last\"]");
}

static void messages_left_out(void)
{
	/* a bad argument: its name */
	CHECK_CMD("upload begin foo 12x 0", -HIL_EINVAL, "{\"error\":\"len\"}");
	CHECK_CMD("reset lukewarm", -HIL_EINVAL, "{\"error\":\"mode\"}");
	CHECK_CMD("load a|b", -HIL_EINVAL, "{\"error\":\"name\"}");
	CHECK_CMD("load abcdefghijklmnop", -HIL_ENAMETOOLONG, "{\"error\":\"name\"}");
	CHECK_CMD("@x info", -HIL_EINVAL, "{\"error\":\"id\"}");
	/* a usage error names the command (not its argument usage); a word that names no command
	 * is a bad argument named "command" */
	CHECK_CMD("call a", -HIL_EINVAL, "{\"error\":\"usage: hil call\"}");
	CHECK_CMD("frobnicate", -HIL_EINVAL, "{\"error\":\"command\"}");
	CHECK_CMD("", -HIL_EINVAL, "{\"error\":\"command\"}");
	CHECK_CMD("ctx frob", -HIL_EINVAL, "{\"error\":\"command\"}");
	/* `upload list` is for people at a console: not built in, the other upload forms are */
	CHECK_CMD("upload list", -HIL_EINVAL, "{\"error\":\"command\"}");
	CHECK_CMD("upload data", -HIL_EINVAL, "{\"error\":\"usage: hil upload data\"}");
	/* `help` is text for people: not built in */
	CHECK_CMD("help", -HIL_ENOTSUP, "{\"error\":\"\"}");
	/* the sentences: an empty message, the rc says what failed */
	CHECK_CMD("load alpha", -HIL_ENOENT, "{\"error\":\"\"}");
	CHECK_CMD("ctx restore", -HIL_ENOENT, "{\"error\":\"\"}");
	CHECK_CMD("ctx save a a", -HIL_EINVAL, "{\"error\":\"\"}");
}

static void save_reboot_restore(void)
{
	int rc;
	const char *json;

	CHECK_EQ_INT(t_upload("alpha", a_img, sizeof(a_img)), 0);
	CHECK_EQ_INT(t_upload("beta", b_img, sizeof(b_img)), 0);
	CHECK_CMD("@3 load alpha", 0, "{\"name\":\"alpha\",\"use_count\":1}");
	CHECK_CMD("load beta", 0, "{\"name\":\"beta\",\"use_count\":1}");
	CHECK_CMD("call alpha inc", 0, "{\"name\":\"alpha\",\"symbol\":\"inc\",\"value\":6}");
	/* relink failure keeps its rc in both places, without the sentence */
	CHECK_CMD("ctx save beta", -HIL_ENOENT, "{\"relink\":-2,\"error\":\"\"}");
	json = t_cmd_json("@4 ctx save beta alpha", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "{\"slot\":\"A\",\"seq\":1,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"bytes\":");
	/* no result line is kept: `last` says that the request ran, and its rc, and prints no copy */
	t_out_clear();
	CHECK_CMD("last 4", 0, "{\"id\":4,\"ran\":true,\"rc\":0,\"replayed\":false,\"boot\":7}");
	CHECK(t_last_line("@@HIL|4|") == NULL);
	CHECK_CMD("last 5", 0, "{\"id\":5,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":7}");

	t_boot();
	/* `order` is a test argument */
	CHECK_CMD("ctx restore order 1,0", -HIL_ENOTSUP, "{\"error\":\"\"}");
	CHECK_CMD("ctx restore", 0, "{\"slot\":\"A\",\"seq\":1,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"restore\":0}");
	CHECK_EQ_INT(t_restore_calls, 1);
	CHECK_CMD("call alpha get", 0, "{\"name\":\"alpha\",\"symbol\":\"get\",\"value\":6}"); /* .data survived */

	/* llext_restore failing: the rc in both places, an empty message */
	t_boot();
	t_next_restore_rc = -HIL_ENOMEM;
	CHECK_CMD("ctx restore", -HIL_ENOMEM, "{\"slot\":\"A\",\"seq\":1,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"restore\":-12,\"error\":\"\"}");
}

int main(void)
{
	t_make_image(a_img, sizeof(a_img), 5);
	t_make_image(b_img, sizeof(b_img), 50);
	memcpy(b_img + 8, "alpha", 5);
	t_flash_wipe();
	t_boot();
	test_commands_left_out();
	messages_left_out();
	save_reboot_restore();
	return t_done("test_small_build");
}
