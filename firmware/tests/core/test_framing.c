/* CRC-32 vectors, result-line framing, JSON escaping, argument errors. */
#include <string.h>

#include "../../core/src/hil_json.h"
#include "hil/crc32.h"
#include "test_support.h"

static void crc_vectors(void)
{
	CHECK_EQ_INT(hil_crc32(0, "", 0), 0x00000000u);
	CHECK_EQ_INT(hil_crc32(0, "123456789", 9), 0xcbf43926u);
	CHECK_EQ_INT(hil_crc32(0, "a", 1), 0xe8b7be43u);
	CHECK_EQ_INT(hil_crc32(0, "The quick brown fox jumps over the lazy dog", 43), 0x414fa339u);
	/* incremental == one shot */
	CHECK_EQ_INT(hil_crc32(hil_crc32(0, "12345", 5), "6789", 4), 0xcbf43926u);
	uint8_t zeros[32] = { 0 };
	CHECK_EQ_INT(hil_crc32(0, zeros, 32), 0x190a55adu);
}

/* The writer streams: collect what it hands over. */
static char buf[128];
static size_t buf_len;

static void collect(void *user, const char *s, size_t n)
{
	(void)user;
	if (buf_len + n < sizeof(buf)) {
		memcpy(buf + buf_len, s, n);
		buf_len += n;
		buf[buf_len] = '\0';
	}
}

static void json_escaping(void)
{
	struct hil_json j;

	buf_len = 0;
	hj_init(&j, collect, NULL);
	hj_fmt(&j, "{\"s\":%s,\"neg\":%d,\"u\":%u,\"t\":%b,\"a\":[1,null,%x]}", "a\"b\\c\r\n\t\x01\x7f\xc3|",
	       (int)-2147483647 - 1, 4294967295u, 1, 0xabcdu);
	CHECK_STR(buf, "{\"s\":\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u007f\\u00c3|\",\"neg\":-2147483648,"
		       "\"u\":4294967295,\"t\":true,\"a\":[1,null,\"0000abcd\"]}");

	/* an unknown conversion stops the output instead of reading a wrong argument */
	buf_len = 0;
	buf[0] = '\0';
	hj_fmt(&j, "[%q%d]", 5);
	CHECK_STR(buf, "[");
}

static void result_line_framing(void)
{
	uint32_t id;
	int rc;
	const char *json;

	t_out_clear();
	CHECK_EQ_INT(t_cmd("@42 fault"), 0);
	CHECK(t_result("@@HIL", &id, &rc, &json));
	CHECK_EQ_INT(id, 42);
	CHECK_EQ_INT(rc, 0);
	CHECK_STR(json, "{\"alloc\":0,\"flash\":0,\"alloc_calls\":0}");
	/* exact bytes: crc32("42|0|{...}") */
	const char *body = "42|0|{\"alloc\":0,\"flash\":0,\"alloc_calls\":0}";
	char want[160];
	snprintf(want, sizeof(want), "@@HIL|%s|%08x\r\n", body, hil_crc32(0, body, strlen(body)));
	CHECK_STR(t_out, want);

	/* without an id the id is 0 */
	t_out_clear();
	t_cmd("fault clear");
	CHECK(t_result("@@HIL", &id, &rc, &json));
	CHECK_EQ_INT(id, 0);
	CHECK_STR(json, "{\"alloc\":0,\"flash\":0}");
	CHECK_EQ_INT(t_count_lines("@@HIL|"), 1);

	/* JSON escaping inside a result: a quote in a symbol name */
	t_out_clear();
	CHECK_CMD("@5 call nosuch a\"b\\c", -HIL_ENOENT, "{\"error\":\"no extension named 'nosuch' is loaded, or it exports no symbol 'a\\\"b\\\\c'\"}");
}

static void expect_einval(const char *line, const char *needle)
{
	int rc;
	const char *json = t_cmd_json(line, &rc);

	CHECK_EQ_INT(rc, -HIL_EINVAL);
	CHECK_CONTAINS(json, needle);
	CHECK_CONTAINS(json, "{\"error\":\"");
}

static void argument_errors(void)
{
	int rc;
	const char *json;

	expect_einval("@x info", "id: expected @<decimal 1..2147483647>[:<crc32hex>], got '@x'");
	expect_einval("@0 info", "id: expected");
	expect_einval("@2147483648 info", "id: expected");
	expect_einval("", "usage: hil [@<id>[:<crc>]] <command>");
	expect_einval("frobnicate", "command: expected one of info, upload");
	expect_einval("info extra", "usage: hil info");
	expect_einval("upload begin foo", "usage: hil upload begin <name> <len> <crc32hex>");
	expect_einval("upload begin foo 12x 0", "len: expected a decimal byte count >= 1, got '12x'");
	expect_einval("upload begin foo 0 0", "len: expected");
	expect_einval("upload begin foo -1 0", "len: expected");
	expect_einval("upload begin foo 99999999999 0", "len: expected");
	expect_einval("upload begin foo 12 xyz", "crc32hex: expected 1..8 hex digits, got 'xyz'");
	expect_einval("upload begin foo 12 123456789", "crc32hex: expected");
	expect_einval("upload frob", "usage: hil upload begin");
	expect_einval("load", "usage: hil load <name>");
	expect_einval("call a", "usage: hil call <name> <symbol>");
	expect_einval("fault alloc 0", "k: expected a decimal allocation count >= 1, got '0'");
	expect_einval("fault flash x", "n: expected a decimal flash operation number >= 1, got 'x'");
	expect_einval("fault frob", "usage: hil fault");
	expect_einval("reset lukewarm", "mode: expected cold or warm, got 'lukewarm'");
	expect_einval("ctx", "usage: hil ctx save");
	expect_einval("ctx restore order", "usage: hil ctx restore [order <i,j,...>]");
	expect_einval("ctx restore order 1,,2", "order: expected comma-separated indexes");
	expect_einval("ctx restore order 1,a", "order: expected comma-separated indexes");
	expect_einval("ctx save a a", "names: 'a' given twice");
	expect_einval("ctx info now", "usage: hil ctx info");

	CHECK_CMD_CONTAINS("load abcdefghijklmnop", -HIL_ENAMETOOLONG, "name 'abcdefghijklmnop' is longer than 15 characters");
	CHECK_CMD_CONTAINS("upload begin a|b 4 0", -HIL_EINVAL, "name: expected a name of printable ASCII characters");

	/* test commands are refused without CONFIG_LLEXT_HIL_TEST */
	t_port.test_commands = false;
	json = t_cmd_json("fault", &rc);
	CHECK_EQ_INT(rc, -HIL_ENOTSUP);
	CHECK_CMD_CONTAINS("ctx erase", -HIL_ENOTSUP, "CONFIG_LLEXT_HIL_TEST");
	CHECK_CMD_CONTAINS("ctx restore order 0", -HIL_ENOTSUP, "order is a test argument, switched off on this board");
	json = t_cmd_json("info", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "\"test\":false");
	CHECK_CONTAINS(json, "\"cmds\":[\"info\",\"upload\",\"load\",\"unload\",\"call\",\"state\",\"ctx\",\"reset\",\"last\",\"help\"]");
	t_port.test_commands = true;

	/* more words than any form takes: the usage of the form */
	CHECK_CMD_CONTAINS("ctx save a b c d e f g h i j k l m n o p q r s t u v w", -HIL_EINVAL,
			   "usage: hil ctx save [<name>...]");
}

static void info_exact(void)
{
	int rc;
	const char *json = t_cmd_json("@1 info", &rc);

	CHECK_EQ_INT(rc, 0);
	CHECK_STR(json,
		  "{\"fw\":\"0.1.0\",\"build\":\"3f2a9c1e5b7d0a42\",\"zephyr\":\"4.2.0\",\"board\":\"test/board\","
		  "\"arch\":\"host\",\"sizes\":{\"llext\":208,\"sect_map\":8,\"symbol\":8,\"ptr\":4},"
		  "\"max_deps\":8,\"name_max\":15,"
		  "\"heap\":{\"size\":16384,\"used\":0,\"free\":16384,\"max_used\":0,\"allocs\":0},"
		  "\"flash\":{\"offset\":0,\"size\":65536,\"erase\":4096,\"write\":8},"
		  "\"image_store\":{\"size\":32768,\"used\":0},"
		  "\"boot\":7,\"reset_cause\":\"software\",\"profile\":\"contract\",\"test\":true,"
		  "\"upload\":{\"chunk\":256,\"window\":3,\"rx_buf\":1024},"
		  "\"cmds\":[\"info\",\"upload\",\"load\",\"unload\",\"call\",\"state\",\"ctx\",\"fault\",\"reset\",\"last\",\"help\"]}");
	/* chunk/window follow the port's RX buffer: window * (chunk + 12) <= rx_buf */
	t_port.rx_buf = 200;
	json = t_cmd_json("info", &rc);
	CHECK_CONTAINS(json, "\"upload\":{\"chunk\":188,\"window\":1,\"rx_buf\":200}");
	t_port.rx_buf = 4096;
	json = t_cmd_json("info", &rc);
	CHECK_CONTAINS(json, "\"upload\":{\"chunk\":256,\"window\":15,\"rx_buf\":4096}");
	t_port.rx_buf = 1024;
}

/* The ready line: same framing as a result line, boot count in the id's place. */
static void ready_line_framing(void)
{
	t_out_clear();
	hil_core_announce_ready();
	const char *body = "7|{\"build\":\"3f2a9c1e5b7d0a42\",\"fw\":\"" HIL_FW_VERSION "\",\"board\":\"test/board\"}";
	char want[200];
	snprintf(want, sizeof(want), "@@RDY|%s|%08x\r\n", body, hil_crc32(0, body, strlen(body)));
	CHECK_STR(t_out, want);
	CHECK_EQ_INT(t_count_lines("@@RDY|"), 1);
}

int main(void)
{
	t_flash_wipe();
	t_boot();
	crc_vectors();
	json_escaping();
	result_line_framing();
	argument_errors();
	info_exact();
	ready_line_framing();
	return t_done("test_framing");
}
