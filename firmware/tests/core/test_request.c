/* Request integrity and memory: `@<id>:<crc>` verified before anything runs, `last <id>`. */
#include <string.h>

#include "hil/config.h"
#include "hil/crc32.h"
#include "test_support.h"

/* "@<id>:<crc> <words>" as the host frames it. */
static const char *framed(uint32_t id, const char *words)
{
	static char line[160];
	char covered[128];

	snprintf(covered, sizeof(covered), "%u %s", id, words);
	snprintf(line, sizeof(line), "@%u:%08x %s", id, hil_crc32(0, covered, strlen(covered)), words);
	return line;
}

static void checked_request_runs(void)
{
	CHECK_CMD(framed(5, "fault flash 3"), 0, "{\"flash\":3}");
	CHECK_CMD(framed(6, "fault"), 0, "{\"alloc\":0,\"flash\":3,\"alloc_calls\":0}");
	CHECK_CMD(framed(7, "fault clear"), 0, "{\"alloc\":0,\"flash\":0}");
}

/* A flipped digit must never move a power-cut point: refused, nothing armed. */
static void corrupted_request_is_refused_and_not_run(void)
{
	char line[160];
	int rc;
	const char *json;

	snprintf(line, sizeof(line), "%s", framed(8, "fault flash 3"));
	line[strlen(line) - 1] = '7'; /* "fault flash 7" under the checksum of "fault flash 3" */
	json = t_cmd_json(line, &rc);
	CHECK_EQ_INT(rc, -HIL_EILSEQ);
	CHECK_CONTAINS(json, "checksum");
	CHECK_CMD(framed(9, "fault"), 0, "{\"alloc\":0,\"flash\":0,\"alloc_calls\":0}");
	/* a damaged checksum field is refused the same way */
	CHECK_EQ_INT(t_cmd("@10:12x45678 fault flash 3"), -HIL_EILSEQ);
	CHECK_EQ_INT(t_cmd("@10:1234567 fault flash 3"), -HIL_EILSEQ);
	CHECK_CMD(framed(11, "fault"), 0, "{\"alloc\":0,\"flash\":0,\"alloc_calls\":0}");
	/* the refused request is not remembered as run */
	CHECK_CMD(framed(12, "last 8"), 0, "{\"id\":8,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":7}");
}

static void last_replays_the_latest_result(void)
{
	char want[160];

	t_out_clear();
	CHECK_CMD(framed(20, "fault alloc 4"), 0, "{\"alloc\":4}");
	snprintf(want, sizeof(want), "%s", t_last_line("@@HIL|20|"));
	CHECK_CMD(framed(21, "state"), 0, "{\"exts\":[],\"heap\":{\"size\":16384,\"used\":0,\"free\":16384,\"max_used\":0,\"allocs\":0}}");
	t_out_clear();
	CHECK_CMD(framed(22, "last 20"), 0, "{\"id\":20,\"ran\":true,\"rc\":0,\"replayed\":true,\"boot\":7}");
	CHECK_STR(t_last_line("@@HIL|20|"), want);
	/* an older one: the rc only */
	CHECK_CMD(framed(23, "fault clear"), 0, "{\"alloc\":0,\"flash\":0}");
	CHECK_CMD(framed(24, "last 20"), 0, "{\"id\":20,\"ran\":true,\"rc\":0,\"replayed\":false,\"boot\":7}");
	/* refused by the command itself: ran, with its rc */
	CHECK_EQ_INT(t_cmd(framed(25, "load nosuch")), -HIL_ENOENT);
	CHECK_CMD(framed(26, "last 25"), 0, "{\"id\":25,\"ran\":true,\"rc\":-2,\"replayed\":true,\"boot\":7}");
	CHECK_CMD(framed(27, "last 999"), 0, "{\"id\":999,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":7}");
	CHECK_CMD_CONTAINS(framed(28, "last x"), -HIL_EINVAL, "id: expected");
}

/* Only the last HIL_RECENT_IDS requests that may change the board are remembered. */
static void memory_is_bounded(void)
{
	for (uint32_t id = 100; id < 100 + HIL_RECENT_IDS + 1; id++) {
		CHECK_EQ_INT(t_cmd(framed(id, "fault clear")), 0);
	}
	CHECK_CMD(framed(200, "last 100"), 0, "{\"id\":100,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":7}");
	CHECK_CMD(framed(201, "last 101"), 0, "{\"id\":101,\"ran\":true,\"rc\":0,\"replayed\":false,\"boot\":7}");
	/* a reboot forgets everything */
	t_boot();
	CHECK_CMD(framed(202, "last 108"), 0, "{\"id\":108,\"ran\":false,\"rc\":0,\"replayed\":false,\"boot\":7}");
}

int main(void)
{
	t_flash_wipe();
	t_port.test_commands = true;
	t_boot();
	checked_request_runs();
	corrupted_request_is_refused_and_not_run();
	last_replays_the_latest_result();
	memory_is_bounded();
	return t_done("test_request");
}
