/*
 * Upload data mode: the frame receiver.
 *
 *   A5 5A | offset u32 LE | len u16 LE | payload | crc32(payload) u32 LE
 *
 * Two states. SYNC: the next bytes must be a frame header at `next`; anything else is
 * NAKed once and the receiver goes to HUNT. HUNT: bytes are discarded silently until a
 * header at exactly `next` (or an end frame) slides into the 8-byte window. Staying silent
 * while hunting matters: after a NAK the host still has up to window-1 frames in flight,
 * and one NAK per stale frame would flood the line. A frame that passed the header check
 * is read whole (payload + CRC) before it is judged.
 *
 * Every line the receiver prints carries the upload's request id and a CRC, so the host can
 * tell a stale or damaged acknowledgement from a real one. The abort sequence ends data mode
 * from any state (even in the middle of a frame), so a host that lost track can always get
 * the shell back; line ends outside a frame do not keep data mode alive (a host probing for a
 * prompt must not hold the board in data mode forever).
 */
#include <string.h>

#include "hil/config.h"
#include "hil/crc32.h"
#include "hil/images.h"
#include "hil_internal.h"

#define HDR_LEN 8u
#define MAGIC0 0xA5u
#define MAGIC1 0x5Au

enum rx_state { RX_OFF, RX_SYNC, RX_HUNT, RX_BODY };

static struct {
	enum rx_state state;
	char name[HIL_NAME_MAX + 1];
	uint32_t id;
	uint32_t next;
	uint32_t total;
	uint32_t last_ms;
	uint8_t hdr[HDR_LEN];
	size_t hdr_n;
	uint32_t frame_off;
	uint32_t frame_len;
	size_t body_n;           /* payload + crc bytes received so far */
	size_t abort_n;          /* bytes of the abort sequence matched so far */
	uint8_t body[HIL_UPLOAD_CHUNK_MAX + 4];
} rx;

/* Bytes above 127 only (a shell in command mode drops them), its first byte nowhere else in
 * it, so matching needs no backtracking. docs/protocol.md section 5 lists it. */
static const uint8_t abort_seq[HIL_UPLOAD_ABORT_LEN] = {
	0xAB, 0xC3, 0x9E, 0xF1, 0xB7, 0xD2, 0x8C, 0xE9, 0x95, 0xDA, 0x86, 0xF4, 0xBC, 0x8F, 0xE3, 0xA7,
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void hil_upload_reset(void)
{
	memset(&rx, 0, sizeof(rx));
	rx.state = RX_OFF;
}

bool hil_core_in_data_mode(void)
{
	return rx.state != RX_OFF;
}

void hil_upload_start(const char *name, uint32_t id, uint32_t next)
{
	const struct hil_image *img = hil_images_by_name(name);

	memset(&rx, 0, sizeof(rx));
	memcpy(rx.name, name, strlen(name) + 1);
	rx.id = id;
	rx.next = next;
	rx.total = img != NULL ? img->len : 0;
	rx.last_ms = hil_g_port->uptime_ms();
	rx.state = RX_SYNC;
	hil_g_port->bypass(true);
}

static void ack(void)
{
	hil_out_framed("@@ACK", rx.id, "%u", rx.next);
}

static void nak(const char *reason)
{
	hil_out_framed("@@NAK", rx.id, "%u|%s", rx.next, reason);
	rx.state = RX_HUNT;
}

/* End data mode: leave bypass first so the host's next command reaches the shell. */
static void finish(int rc_override)
{
	const struct hil_image *img = hil_images_by_name(rx.name);
	uint32_t received = img != NULL ? img->received : 0;
	uint32_t len = img != NULL ? img->len : 0;
	uint32_t crc = img != NULL ? img->crc : 0;
	int rc = img != NULL ? hil_images_finish(rx.name) : -HIL_ENOENT;

	if (rc_override != 0) {
		rc = rc_override;
	}
	rx.state = RX_OFF;
	hil_g_port->bypass(false);

	hj_fmt(hil_out_begin_tag("@@UPL", rx.id, rc),
	       "{\"name\":%s,\"len\":%u,\"received\":%u,\"crc\":%x,\"complete\":%b}", rx.name, len, received,
	       crc, img != NULL && img->complete);
	(void)hil_out_end();
}

/* Judge a full 8-byte header. Returns true when the frame body should be read. */
static bool header_acceptable(bool hunting)
{
	uint32_t off = le32(rx.hdr + 2);
	uint32_t len = (uint32_t)rx.hdr[6] | ((uint32_t)rx.hdr[7] << 8);

	if (rx.hdr[0] != MAGIC0 || rx.hdr[1] != MAGIC1) {
		if (!hunting) {
			nak("bad magic");
		}
		return false;
	}
	rx.frame_off = off;
	rx.frame_len = len;
	if (len == 0) {
		return true; /* end frame: accepted at any offset, its CRC must be crc32("") = 0 */
	}
	if (off != rx.next) {
		if (!hunting) {
			nak("unexpected offset");
		}
		return false;
	}
	if (len > hil_core_upload_chunk()) {
		nak("frame longer than chunk");
		return false;
	}
	if (len > rx.total - rx.next) {
		nak("beyond end of image");
		return false;
	}
	return true;
}

static void frame_complete(void)
{
	uint32_t want = le32(rx.body + rx.frame_len);

	if (rx.frame_len == 0) {
		if (want == 0) {
			finish(0);
		} else {
			nak("bad crc");
		}
		return;
	}
	if (hil_crc32(0, rx.body, rx.frame_len) != want) {
		nak("bad crc");
		return;
	}
	if (hil_images_append(rx.name, rx.frame_off, rx.body, rx.frame_len) != 0) {
		nak("unexpected offset");
		return;
	}
	rx.next += rx.frame_len;
	rx.state = RX_SYNC;
	ack();
}

static void push_header_byte(uint8_t b)
{
	if (rx.hdr_n == HDR_LEN) {
		/* hunting: slide the window by one */
		memmove(rx.hdr, rx.hdr + 1, HDR_LEN - 1);
		rx.hdr_n = HDR_LEN - 1;
	}
	rx.hdr[rx.hdr_n++] = b;
	if (rx.hdr_n < HDR_LEN) {
		return;
	}
	bool hunting = rx.state == RX_HUNT;

	if (header_acceptable(hunting)) {
		rx.state = RX_BODY;
		rx.body_n = 0;
		rx.hdr_n = 0;
	} else if (!hunting) {
		/* nak() switched to HUNT; rescan what we have after the first byte */
		memmove(rx.hdr, rx.hdr + 1, HDR_LEN - 1);
		rx.hdr_n = HDR_LEN - 1;
	}
}

/* True when b completes the abort sequence. */
static bool abort_seen(uint8_t b)
{
	if (b == abort_seq[rx.abort_n]) {
		rx.abort_n++;
	} else {
		rx.abort_n = b == abort_seq[0] ? 1u : 0u;
	}
	return rx.abort_n == HIL_UPLOAD_ABORT_LEN;
}

void hil_core_bypass_bytes(const uint8_t *data, size_t len)
{
	if (rx.state == RX_OFF || len == 0) {
		return;
	}
	for (size_t i = 0; i < len && rx.state != RX_OFF; i++) {
		uint8_t b = data[i];
		bool line_end = b == '\r' || b == '\n';

		if (abort_seen(b)) {
			finish(-HIL_ECANCELED);
			return;
		}
		if (rx.state == RX_BODY || !line_end) {
			rx.last_ms = hil_g_port->uptime_ms(); /* frame bytes keep data mode alive, probes do not */
		}
		if (rx.state == RX_SYNC && rx.hdr_n == 0 && line_end) {
			/* A Zephyr shell hands the LF of a CRLF that ran `upload data` to the bypass
			 * callback: a line end before a header is not frame data (no frame starts with one). */
			continue;
		}
		if (rx.state == RX_BODY) {
			rx.body[rx.body_n++] = b;
			if (rx.body_n == (size_t)rx.frame_len + 4u) {
				frame_complete();
			}
		} else {
			push_header_byte(b);
		}
	}
}

void hil_core_poll(void)
{
	if (rx.state == RX_OFF) {
		return;
	}
	if ((uint32_t)(hil_g_port->uptime_ms() - rx.last_ms) >= HIL_UPLOAD_IDLE_MS) {
		finish(-HIL_ETIMEDOUT);
	}
}
