/* Result lines `@@HIL|<id>|<rc>|<json>|<crc>` and the ready line `@@RDY|<boot>|<json>|<crc>`,
 * each written with ONE port->write call. */
#include <string.h>

#include "hil/crc32.h"
#include "hil_internal.h"

/* JSON is built at JSON_AT, then moved down behind the prefix `@@HIL|id|rc|` (<= 30
 * chars), leaving room for `|crc\r\n` (11) at the end. */
#define JSON_AT 32u
#define TAIL    11u

static char line_buf[HIL_LINE_MAX];
static struct hil_json json;
static char msg_buf[192];
static size_t msg_len;

struct hil_json *hil_out_json(void)
{
	hj_init(&json, line_buf + JSON_AT, sizeof(line_buf) - JSON_AT - TAIL);
	return &json;
}

static size_t put_str(char *dst, const char *s)
{
	size_t n = strlen(s);

	memcpy(dst, s, n);
	return n;
}

/* Moves the JSON built at JSON_AT down behind `prefix` (whose CRC-covered part starts at
 * body_start), appends `|crc\r\n` and writes the line with one port->write call. */
static void emit_framed(const char *prefix, size_t p, size_t body_start)
{
	size_t json_len = json.len;

	memmove(line_buf + p, line_buf + JSON_AT, json_len);
	memcpy(line_buf, prefix, p);
	size_t n = p + json_len;
	uint32_t crc = hil_crc32(0, line_buf + body_start, n - body_start);

	line_buf[n++] = '|';
	hil_fmt_hex32(line_buf + n, crc);
	n += 8;
	line_buf[n++] = '\r';
	line_buf[n++] = '\n';
	hil_g_port->write(line_buf, n);
}

int hil_out_result(const char *tag, uint32_t id, int rc)
{
	if (json.overflow || json.depth != 0) {
		/* Never print a cut-off result: say so instead (a firmware limit, not a user error). */
		struct hil_json *j = hil_out_json();

		hj_obj(j);
		hj_kstr(j, "error", "result longer than the firmware's line buffer");
		hj_end_obj(j);
		rc = -HIL_ENOSPC;
	}
	char prefix[JSON_AT];
	size_t p = put_str(prefix, tag);

	prefix[p++] = '|';
	size_t body_start = p;

	p += hil_fmt_u64(prefix + p, id);
	prefix[p++] = '|';
	p += hil_fmt_i64(prefix + p, rc);
	prefix[p++] = '|';
	emit_framed(prefix, p, body_start);
	return rc;
}

void hil_core_announce_ready(void)
{
	const struct hil_port *port = hil_g_port;
	struct hil_json *j = hil_out_json();
	char prefix[JSON_AT];
	size_t p = put_str(prefix, "@@RDY|");

	hj_obj(j);
	hj_kstr(j, "build", port->build_id);
	hj_kstr(j, "fw", HIL_FW_VERSION);
	hj_kstr(j, "board", port->board);
	hj_end_obj(j);
	p += hil_fmt_u64(prefix + p, port->boot_count);
	prefix[p++] = '|';
	emit_framed(prefix, p, 6);
}

int hil_out_error(uint32_t id, int rc, const char *msg)
{
	struct hil_json *j = hil_out_json();

	hj_obj(j);
	hj_kstr(j, "error", msg);
	hj_end_obj(j);
	return hil_out_result("@@HIL", id, rc);
}

void hil_out_line(const char *text, size_t len)
{
	char buf[96];

	if (len > sizeof(buf) - 2) {
		len = sizeof(buf) - 2;
	}
	memcpy(buf, text, len);
	buf[len] = '\r';
	buf[len + 1] = '\n';
	hil_g_port->write(buf, len + 2);
}

void hil_msg_reset(void)
{
	msg_len = 0;
	msg_buf[0] = '\0';
}

void hil_msg(const char *s)
{
	while (*s != '\0' && msg_len + 1 < sizeof(msg_buf)) {
		msg_buf[msg_len++] = *s++;
	}
	msg_buf[msg_len] = '\0';
}

void hil_msg_int(int64_t v)
{
	char tmp[24];
	size_t n = hil_fmt_i64(tmp, v);

	tmp[n] = '\0';
	hil_msg(tmp);
}

const char *hil_msg_text(void)
{
	return msg_buf;
}
