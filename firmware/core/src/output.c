/*
 * Result lines `@@HIL|<id>|<rc>|<json>|<crc>` and the ready line `@@RDY|<boot>|<json>|<crc>`,
 * streamed: the line goes to port->write in pieces of at most HIL_OUT_PIECE bytes while it is
 * produced, and its CRC is computed on the way, so no command ever needs the whole line in RAM. The last piece carries `|crc\r\n`.
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
#if HIL_REPLAY_MAX > 0
	char *capture;           /* a copy of the result line for `last` (request.c), or NULL */
	size_t capture_size;
	size_t capture_n;        /* > capture_size: the line did not fit */
#endif
} line;

static struct {
	char buf[HIL_MSG_MAX];
	size_t n;
} msg;

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
#if HIL_REPLAY_MAX > 0
	if (line.capture != NULL) {
		if (line.capture_n + n <= line.capture_size) {
			memcpy(line.capture + line.capture_n, s, n);
		}
		line.capture_n += n;
	}
#endif
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

/* Bytes of the line formatted in plain mode. */
static void put_fmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hil_vformat(put_bytes, NULL, false, fmt, ap);
	va_end(ap);
}

/* `<tag>|<id>|`, the CRC running from the id on. */
static void start_line(const char *tag, uint32_t id)
{
	line.n = 0;
	line.crc = 0;
	line.crc_on = false;
	put_fmt("%s|", tag);
	line.crc_on = true;
	put_fmt("%u|", id);
}

/* `|<crc>\r\n`, then everything to the port. */
static void end_line(void)
{
	line.crc_on = false;
	if (sizeof(line.buf) - line.n < TAIL) {
		flush_piece(); /* the CRLF travels with the CRC in the last piece */
	}
	put_fmt("|%x\r\n", line.crc);
	flush_piece();
}

struct hil_json *hil_out_begin_tag(const char *tag, uint32_t id, int rc)
{
#if HIL_REPLAY_MAX > 0
	line.capture_n = 0; /* the command's last result line is the one kept */
#endif
	line.rc = rc;
	start_line(tag, id);
	put_fmt("%d|", rc);
	hj_init(&line.json, put_bytes, NULL);
	return &line.json;
}

struct hil_json *hil_out_begin(uint32_t id, int rc)
{
	return hil_out_begin_tag("@@HIL", id, rc);
}

int hil_out_end(void)
{
	end_line();
	return line.rc;
}

void hil_out_framed(const char *tag, uint32_t id, const char *fmt, ...)
{
	va_list ap;

	start_line(tag, id);
	va_start(ap, fmt);
	hil_vformat(put_bytes, NULL, false, fmt, ap);
	va_end(ap);
	end_line();
}

void hil_core_announce_ready(void)
{
	const struct hil_port *p = hil_g_port;

	/* Framed like a result line, the boot count in the id's place. Plain formatting: the build
	 * id is checked hex (hil_core_init), the version a constant, the board name the port's. */
	hil_out_framed("@@RDY", p->boot_count,
		       "{\"build\":\"%s\",\"fw\":\"" HIL_FW_VERSION "\",\"board\":\"%s\"}", p->build_id, p->board);
}

#if HIL_REPLAY_MAX > 0
size_t hil_out_capture(char *buf, size_t size)
{
	size_t n = line.capture_n;
	bool fits = line.capture != NULL && n >= 2 && n <= line.capture_size;

	line.capture = buf;
	line.capture_size = size;
	line.capture_n = 0;
	return fits ? n - 2 : 0; /* without the CRLF */
}
#endif

int hil_out_result(uint32_t id, int rc, const char *fmt, ...)
{
	va_list ap;

	hil_out_begin(id, rc);
	va_start(ap, fmt);
	hil_vformat(put_bytes, NULL, true, fmt, ap);
	va_end(ap);
	return hil_out_end();
}

static void msg_put(void *user, const char *s, size_t n)
{
	(void)user;
	while (n-- > 0 && msg.n + 1 < sizeof(msg.buf)) {
		msg.buf[msg.n++] = *s++;
	}
	msg.buf[msg.n] = '\0';
}

static const char *vmsg(const char *fmt, va_list ap)
{
	msg.n = 0;
	msg.buf[0] = '\0';
	hil_vformat(msg_put, NULL, false, fmt, ap);
	return msg.buf;
}

#if HIL_MESSAGES
/* Only the sentences built from the command table append (commands.c): not built without them. */
void hil_msg_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hil_vformat(msg_put, NULL, false, fmt, ap);
	va_end(ap);
}
#endif

const char *hil_msgf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vmsg(fmt, ap);
	va_end(ap);
	return msg.buf;
}

int (hil_out_error)(uint32_t id, int rc, const char *fmt, ...) /* (name): not the macro */
{
	va_list ap;

	va_start(ap, fmt);
	(void)vmsg(fmt, ap);
	va_end(ap);
	return hil_out_msg_error(id, rc);
}

#if !HIL_MESSAGES
int hil_out_error_without_message(uint32_t id, int rc)
{
	return (hil_out_error)(id, rc, ""); /* the function, not the macro */
}
#endif

int hil_out_msg_error(uint32_t id, int rc)
{
	return hil_out_result(id, rc, "{\"error\":%s}", msg.buf);
}

int hil_usage(uint32_t id, const struct hil_cmd *c)
{
	/* from the command table: kept without HIL_MESSAGES too (not the macro) */
	return (hil_out_error)(id, -HIL_EINVAL, c->args[0] != '\0' ? "usage: hil %s %s" : "usage: hil %s",
			       c->words, c->args);
}

#if HIL_REPLAY_MAX > 0
/* Only `last` prints a line that is not framed: the kept result line. */
void hil_out_line(const char *fmt, ...)
{
	va_list ap;

	line.n = 0;
	line.crc_on = false;
	va_start(ap, fmt);
	hil_vformat(put_bytes, NULL, false, fmt, ap);
	va_end(ap);
	put_bytes(NULL, "\r\n", 2);
	flush_piece();
}
#endif
