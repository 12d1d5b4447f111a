/*
 * Result lines `@@HIL|<id>|<rc>|<json>|<crc>`, streamed: the line goes to port->write in
 * pieces of at most HIL_OUT_PIECE bytes while it is produced, and its CRC is computed on the
 * way, so no command ever needs the whole line in RAM. The last piece carries `|crc\r\n`.
 */
#include <string.h>

#include "hil/config.h"
#include "hil/crc32.h"
#include "hil_internal.h"

#define TAIL 11u /* |crc8\r\n */

static struct {
	char buf[HIL_OUT_PIECE];
	size_t n;
	uint32_t crc;
	bool crc_on;             /* bytes after the tag's `|` are covered by the CRC */
	int rc;
	struct hil_json json;
	char *capture;           /* a copy of the result line for `last` (request.c), or NULL */
	size_t capture_size;
	size_t capture_n;        /* > capture_size: the line did not fit */
} line;
static char msg_buf[HIL_MSG_MAX];
static size_t msg_len;

static void flush_piece(void)
{
	if (line.n > 0) {
		hil_g_port->write(line.buf, line.n);
		line.n = 0;
	}
}

static void put_bytes(void *user, const char *s, size_t n)
{
	(void)user;
	if (line.crc_on) {
		line.crc = hil_crc32(line.crc, s, n);
	}
	if (line.capture != NULL) {
		if (line.capture_n + n <= line.capture_size) {
			memcpy(line.capture + line.capture_n, s, n);
		}
		line.capture_n += n;
	}
	while (n > 0) {
		size_t take = sizeof(line.buf) - line.n;

		if (take > n) {
			take = n;
		}
		memcpy(line.buf + line.n, s, take);
		line.n += take;
		s += take;
		n -= take;
		if (line.n == sizeof(line.buf)) {
			flush_piece();
		}
	}
}

static void put_int(int64_t v)
{
	char tmp[24];

	put_bytes(NULL, tmp, hil_fmt_i64(tmp, v));
}

/* `<tag>|<id>|`, the CRC running from the id on. */
static void start_line(const char *tag, uint32_t id)
{
	line.n = 0;
	line.crc = 0;
	line.crc_on = false;
	put_bytes(NULL, tag, strlen(tag));
	put_bytes(NULL, "|", 1);
	line.crc_on = true;
	put_int(id);
	put_bytes(NULL, "|", 1);
}

/* `|<crc>\r\n`, then everything to the port. */
static void end_line(void)
{
	char tail[TAIL];

	line.crc_on = false;
	tail[0] = '|';
	hil_fmt_hex32(tail + 1, line.crc);
	tail[9] = '\r';
	tail[10] = '\n';
	if (sizeof(line.buf) - line.n < TAIL) {
		flush_piece(); /* the CRLF travels with the CRC in the last piece */
	}
	put_bytes(NULL, tail, TAIL);
	flush_piece();
}

struct hil_json *hil_out_begin(const char *tag, uint32_t id, int rc)
{
	line.capture_n = 0; /* the command's last result line is the one kept */
	line.rc = rc;
	start_line(tag, id);
	put_int(rc);
	put_bytes(NULL, "|", 1);
	hj_init(&line.json, put_bytes, NULL);
	return &line.json;
}

int hil_out_end(void)
{
	end_line();
	return line.rc;
}

size_t hil_out_capture(char *buf, size_t size)
{
	size_t n = line.capture_n;
	bool fits = line.capture != NULL && n >= 2 && n <= line.capture_size;

	line.capture = buf;
	line.capture_size = size;
	line.capture_n = 0;
	return fits ? n - 2 : 0; /* without the CRLF */
}

void hil_out_framed(const char *tag, uint32_t id, const char *fields, size_t len)
{
	start_line(tag, id);
	put_bytes(NULL, fields, len);
	end_line();
}

int hil_out_error(uint32_t id, int rc, const char *msg)
{
	struct hil_json *j = hil_out_begin("@@HIL", id, rc);

	hj_obj(j);
	hj_kstr(j, "error", msg);
	hj_end_obj(j);
	return hil_out_end();
}

int hil_usage(uint32_t id, const struct hil_cmd *c)
{
	hil_msg_reset();
	hil_msg("usage: hil ");
	hil_msg(c->words);
	if (c->args[0] != '\0') {
		hil_msg(" ");
		hil_msg(c->args);
	}
	return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
}

void hil_out_line(const char *text, size_t len)
{
	line.n = 0;
	line.crc_on = false;
	put_bytes(NULL, text, len);
	put_bytes(NULL, "\r\n", 2);
	flush_piece();
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
