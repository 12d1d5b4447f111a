/*
 * Request integrity and memory (docs/protocol.md section 2.1).
 *
 * `@<id>:<crc>`: the host names each request and checksums it, so a command damaged on the
 * wire is refused (-EILSEQ) before anything runs: a flipped digit in `fault flash 12` must
 * never move a power-cut point. The board also remembers the last HIL_RECENT_IDS requests
 * that may change it, with their rc, and keeps the result line of the latest one (unless
 * HIL_REPLAY_MAX is 0), so a host that lost a reply asks `last <id>` instead of repeating a
 * command that already ran.
 */
#include <string.h>

#include "hil/config.h"
#include "hil/crc32.h"
#include "hil_internal.h"

static struct {
	uint32_t id;
	int32_t rc;
} recent[HIL_RECENT_IDS];
static uint32_t recent_next;

#if HIL_REPLAY_MAX > 0
static struct {
	uint32_t id;            /* 0: nothing to replay */
	size_t len;
	char line[HIL_REPLAY_MAX + 2]; /* the line and its CRLF as captured; then NUL-terminated for %s */
} replay;
#endif

void hil_request_reset(void)
{
	memset(recent, 0, sizeof(recent));
	recent_next = 0;
#if HIL_REPLAY_MAX > 0
	replay.id = 0;
	replay.len = 0;
#endif
}

/* crc32 of "<id> <word> <word> ...": the words exactly as the shell split them. */
static uint32_t request_crc(const char *id_text, size_t id_len, int argc, char **argv)
{
	uint32_t crc = hil_crc32(0, id_text, id_len);

	for (int i = 0; i < argc; i++) {
		crc = hil_crc32(crc, " ", 1);
		crc = hil_crc32(crc, argv[i], strlen(argv[i]));
	}
	return crc;
}

int hil_request_parse(const char *token, int argc, char **argv, uint32_t *id)
{
	const char *colon = strchr(token, ':');
	char digits[11];
	size_t n = colon != NULL ? (size_t)(colon - token) : strlen(token);
	uint32_t want;

	*id = 0;
	if (n == 0 || n >= sizeof(digits)) {
		return -HIL_EINVAL;
	}
	memcpy(digits, token, n);
	digits[n] = '\0';
	if (!hil_parse_u32(digits, 1, 0x7fffffffu, id)) {
		*id = 0;
		return -HIL_EINVAL;
	}
	if (colon == NULL) {
		return 0; /* typed by a person: no checksum to verify */
	}
	if (strlen(colon + 1) != 8 || !hil_parse_hex32(colon + 1, &want)) {
		return -HIL_EILSEQ;
	}
	return request_crc(digits, n, argc, argv) == want ? 0 : -HIL_EILSEQ;
}

#if HIL_REPLAY_MAX > 0
void hil_request_capture(uint32_t id)
{
	replay.id = 0;
	replay.len = 0;
	hil_out_capture(id != 0 ? replay.line : NULL, HIL_REPLAY_MAX + 2); /* the CRLF is copied, then cut */
	replay.id = id;
}
#endif

void hil_request_done(uint32_t id, int rc)
{
#if HIL_REPLAY_MAX > 0
	size_t captured = hil_out_capture(NULL, 0);
#endif

	if (id == 0) {
		return;
	}
	recent[recent_next % HIL_RECENT_IDS].id = id;
	recent[recent_next % HIL_RECENT_IDS].rc = rc;
	recent_next++;
#if HIL_REPLAY_MAX > 0
	/* a line longer than the buffer (or none) cannot be replayed: only its rc is kept */
	replay.len = captured;
	replay.line[captured] = '\0';
	if (captured == 0) {
		replay.id = 0;
	}
#endif
}

/*
 * `last <id>`: did request <id> run, with which rc (0 when it did not), in which boot; its
 * result line again when kept. The boot count lets a host that lost both the banner and the
 * ready line of a reboot tell "did not run" from "the board that got it is gone".
 */
int hil_cmd_last(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint32_t asked;
	int found = -1;

	(void)c;
	(void)argc;
	if (!hil_parse_u32(argv[1], 1, 0x7fffffffu, &asked)) {
		return hil_bad_arg(id, "id", "a decimal request id 1..2147483647", argv[1]);
	}
	for (uint32_t i = 0; i < HIL_RECENT_IDS; i++) {
		if (recent[i].id == asked) {
			found = (int)i;
		}
	}
#if HIL_REPLAY_MAX > 0
	bool replayed = found >= 0 && replay.id == asked && replay.len > 0;

	if (replayed) {
		hil_out_line("%s", replay.line);
	}
#else
	bool replayed = false; /* no result line is kept: the host learns that it ran, and its rc */
#endif
	return hil_out_result(id, 0, "{\"id\":%u,\"ran\":%b,\"rc\":%d,\"replayed\":%b,\"boot\":%u}", asked,
			      (int)(found >= 0), found >= 0 ? (int)recent[found].rc : 0, (int)replayed,
			      hil_g_port->boot_count);
}
