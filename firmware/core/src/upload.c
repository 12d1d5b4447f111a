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
	const struct hil_image *img;  /* begun before data mode; table entries never move */
	uint32_t id;
	uint32_t next;
	uint32_t last_ms;
	size_t n;                /* bytes of buf filled: the header (window), then payload + crc */
	size_t abort_n;          /* bytes of the abort sequence matched so far */
	uint8_t buf[HDR_LEN + HIL_UPLOAD_CHUNK_MAX + 4];
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

/* Payload length of the frame whose header is in buf. */
static uint32_t frame_len(void)
{
	return (uint32_t)rx.buf[6] | ((uint32_t)rx.buf[7] << 8);
}

void hil_upload_reset(void)
{
	memset(&rx, 0, sizeof(rx)); /* state RX_OFF (0) */
}

bool hil_core_in_data_mode(void)
{
	return rx.state != RX_OFF;
}

void hil_upload_start(const char *name, uint32_t id, uint32_t next)
{
	hil_upload_reset();
	rx.img = hil_images_by_name(name); /* `upload data` found it */
	rx.id = id;
	rx.next = next;
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
	const struct hil_image *img = rx.img;
	uint32_t received = img->received; /* before a CRC mismatch resets it */
	int rc = hil_images_finish(img);

	if (rc_override != 0) {
		rc = rc_override;
	}
	rx.state = RX_OFF;
	hil_g_port->bypass(false);

	hj_fmt(hil_out_begin_tag("@@UPL", rx.id, rc),
	       "{\"name\":%s,\"len\":%u,\"received\":%u,\"crc\":%x,\"complete\":%b}", img->name, img->len,
	       received, img->crc, img->complete);
	(void)hil_out_end();
}

/* Judge the full header in buf. Returns true when the frame body should be read. */
static bool header_acceptable(void)
{
	bool hunting = rx.state == RX_HUNT;
	uint32_t len = frame_len();

	if (rx.buf[0] != MAGIC0 || rx.buf[1] != MAGIC1) {
		if (!hunting) {
			nak("bad magic");
		}
		return false;
	}
	if (len == 0) {
		return true; /* end frame: accepted at any offset, its CRC must be crc32("") = 0 */
	}
	if (le32(rx.buf + 2) != rx.next) {
		if (!hunting) {
			nak("unexpected offset");
		}
		return false;
	}
	if (len > hil_core_upload_chunk()) {
		nak("frame longer than chunk");
		return false;
	}
	if (len > rx.img->len - rx.next) {
		nak("beyond end of image");
		return false;
	}
	return true;
}

/* A frame that passed the header check is whole in buf (its offset is rx.next). */
static void frame_complete(void)
{
	uint32_t len = frame_len();
	const uint8_t *payload = rx.buf + HDR_LEN;

	if (hil_crc32(0, payload, len) != le32(payload + len)) {
		nak("bad crc");
		return;
	}
	if (len == 0) {
		finish(0);
		return;
	}
	if (hil_images_append(rx.img, rx.next, payload, len) != 0) {
		nak("unexpected offset");
		return;
	}
	rx.next += len;
	rx.state = RX_SYNC;
	ack();
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
	for (size_t i = 0; i < len && rx.state != RX_OFF; i++) {
		uint8_t b = data[i];

		if (abort_seen(b)) {
			finish(-HIL_ECANCELED);
			return;
		}
		bool line_end = b == '\r' || b == '\n';

		if (line_end && rx.state == RX_SYNC && rx.n == 0) {
			/* A Zephyr shell hands the LF of a CRLF that ran `upload data` to the bypass
			 * callback: a line end before a header is not frame data (no frame starts with one). */
			continue;
		}
		if (rx.state == RX_BODY || !line_end) {
			rx.last_ms = hil_g_port->uptime_ms(); /* frame bytes keep data mode alive, probes do not */
		}
		rx.buf[rx.n++] = b;
		if (rx.state == RX_BODY) {
			if (rx.n == HDR_LEN + frame_len() + 4u) {
				rx.n = 0;
				frame_complete();
			}
		} else if (rx.n == HDR_LEN) {
			if (header_acceptable()) {
				rx.state = RX_BODY;
			} else {
				/* a header was refused: slide the window by one */
				memmove(rx.buf, rx.buf + 1, HDR_LEN - 1);
				rx.n = HDR_LEN - 1;
			}
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
