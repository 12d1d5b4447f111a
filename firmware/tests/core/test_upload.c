/* The upload receiver: good frames, NAK + resync, gaps, split frames, resume, timeout,
 * whole-image CRC mismatch. */
#include <string.h>

#include "hil/crc32.h"
#include "hil/images.h"
#include "test_support.h"

static uint8_t image[1000];
static uint8_t frame[300];

static void begin(const char *name, uint32_t len, uint32_t crc, uint32_t want_next)
{
	char line[96];
	int rc;

	snprintf(line, sizeof(line), "@10 upload begin %s %u %08x", name, len, crc);
	const char *json = t_cmd_json(line, &rc);
	char want[160];

	snprintf(want, sizeof(want), "{\"name\":\"%s\",\"len\":%u,\"next\":%u,\"chunk\":256,\"window\":3}",
		 name, len, want_next);
	CHECK_EQ_INT(rc, 0);
	CHECK_STR(json, want);
}

static void data_mode(const char *name, uint32_t want_next)
{
	char line[64];
	char want[96];
	int rc;

	snprintf(line, sizeof(line), "@11 upload data %s", name);
	const char *json = t_cmd_json(line, &rc);

	snprintf(want, sizeof(want), "{\"name\":\"%s\",\"next\":%u}", name, want_next);
	CHECK_EQ_INT(rc, 0);
	CHECK_STR(json, want);
	CHECK(t_bypass_on);
	CHECK(hil_core_in_data_mode());
}

/* The receiver's `<tag>|11|<fields>|<crc>` (data mode below always runs as request 11). */
static const char *checked(const char *tag, const char *fields)
{
	static char line[128];
	char covered[96];

	snprintf(covered, sizeof(covered), "11|%s", fields);
	snprintf(line, sizeof(line), "%s|%s|%08x", tag, covered, hil_crc32(0, covered, strlen(covered)));
	return line;
}

static void send(uint32_t off, uint16_t len)
{
	hil_core_bypass_bytes(frame, t_frame(frame, off, image + off, len));
}

static void end_frame(uint32_t off)
{
	hil_core_bypass_bytes(frame, t_frame(frame, off, NULL, 0));
}

static void good_frames_and_nak_resync(void)
{
	uint32_t crc = hil_crc32(0, image, sizeof(image));
	uint32_t id;
	int rc;
	const char *json;

	t_out_clear();
	begin("img", sizeof(image), crc, 0);
	data_mode("img", 0);
	send(0, 256);
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "256"));

	/* bad CRC: NAK, then the in-flight frame at 512 is dropped silently (hunting) */
	size_t n = t_frame(frame, 256, image + 256, 256);
	frame[20] ^= 0x01;
	hil_core_bypass_bytes(frame, n);
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "256|bad crc"));
	send(512, 256);
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "256|bad crc"));
	CHECK_EQ_INT(t_count_lines("@@NAK"), 1);
	/* garbage while hunting, then the go-back-N resend at 256 */
	hil_core_bypass_bytes((const uint8_t *)"\xA5\x5A\x00junk\xA5", 8);
	send(256, 256);
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "512"));

	/* a gap: frame at 768 while 512 is expected */
	send(768, 232);
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "512|unexpected offset"));
	send(512, 256);
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "768"));

	/* a frame split byte by byte across calls */
	n = t_frame(frame, 768, image + 768, 232);
	for (size_t i = 0; i < n; i++) {
		hil_core_bypass_bytes(frame + i, 1);
	}
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "1000"));

	/* a frame beyond the end */
	send(1000 - 8, 8); /* offset != next: unexpected offset */
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "1000|unexpected offset"));

	end_frame(1000);
	CHECK(!t_bypass_on);
	CHECK(!hil_core_in_data_mode());
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(id, 11);
	CHECK_EQ_INT(rc, 0);
	char want[128];
	snprintf(want, sizeof(want), "{\"name\":\"img\",\"len\":1000,\"received\":1000,\"crc\":\"%08x\",\"complete\":true}", crc);
	CHECK_STR(json, want);

	json = t_cmd_json("upload list", &rc);
	snprintf(want, sizeof(want), "{\"images\":[{\"name\":\"img\",\"len\":1000,\"crc\":\"%08x\",\"received\":1000,\"complete\":true}]}", crc);
	CHECK_STR(json, want);
	uint8_t *data;
	size_t len;
	CHECK_EQ_INT(hil_images_find("img", &data, &len), 0);
	CHECK_EQ_INT(len, 1000);
	CHECK(memcmp(data, image, 1000) == 0);
	CHECK_EQ_INT((uintptr_t)data % HIL_IMAGE_ALIGN, 0);
}

static void oversize_and_beyond_end(void)
{
	uint32_t id;
	int rc;
	const char *json;
	uint8_t small[40];

	memcpy(small, image, sizeof(small));
	t_out_clear();
	begin("small", 40, hil_crc32(0, small, 40), 0);
	data_mode("small", 0);
	hil_core_bypass_bytes(frame, t_frame(frame, 0, image, 48));
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "0|beyond end of image"));
	hil_core_bypass_bytes(frame, t_frame(frame, 0, image, 257));
	CHECK_STR(t_last_line("@@"), checked("@@NAK", "0|frame longer than chunk"));
	hil_core_bypass_bytes(frame, t_frame(frame, 0, small, 40));
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "40"));
	end_frame(40);
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, 0);
}

static void resume_after_partial(void)
{
	uint8_t img2[600];
	uint32_t id;
	int rc;
	const char *json;

	for (size_t i = 0; i < sizeof(img2); i++) {
		img2[i] = (uint8_t)(i * 13u);
	}
	uint32_t crc = hil_crc32(0, img2, sizeof(img2));

	t_out_clear();
	begin("part", 600, crc, 0);
	data_mode("part", 0);
	hil_core_bypass_bytes(frame, t_frame(frame, 0, img2, 256));
	/* the link drops; the host ends the transfer early */
	hil_core_bypass_bytes(frame, t_frame(frame, 256, NULL, 0));
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, -HIL_EAGAIN);
	CHECK_CONTAINS(json, "\"received\":256");
	CHECK_CONTAINS(json, "\"complete\":false");

	/* load refuses the incomplete image */
	json = t_cmd_json("load part", &rc);
	CHECK_EQ_INT(rc, -HIL_EAGAIN);

	/* same name, len and crc: resumes at the first missing byte */
	begin("part", 600, crc, 256);
	data_mode("part", 256);
	hil_core_bypass_bytes(frame, t_frame(frame, 256, img2 + 256, 256));
	hil_core_bypass_bytes(frame, t_frame(frame, 512, img2 + 512, 88));
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "600"));
	end_frame(600);
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "\"complete\":true");
}

static void idle_timeout(void)
{
	uint32_t id;
	int rc;
	const char *json;

	t_out_clear();
	begin("slow", 300, hil_crc32(0, image, 300), 0);
	data_mode("slow", 0);
	send(0, 100);
	t_now_ms += 1999;
	hil_core_poll();
	CHECK(hil_core_in_data_mode());
	send(100, 100); /* a byte resets the idle timer */
	t_now_ms += 1999;
	hil_core_poll();
	CHECK(hil_core_in_data_mode());
	t_now_ms += 1;
	hil_core_poll();
	CHECK(!hil_core_in_data_mode());
	CHECK(!t_bypass_on);
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, -HIL_ETIMEDOUT);
	CHECK_EQ_INT(id, 11);
	CHECK_CONTAINS(json, "\"received\":200");
	/* bytes after data mode ended are ignored */
	send(200, 100);
	CHECK_EQ_INT(t_count_lines("@@ACK|11|300|"), 0);
}

/* Line ends between frames (a host probing for a prompt) do not keep data mode alive. */
static void probes_do_not_feed_the_idle_timer(void)
{
	uint32_t id;
	int rc;
	const char *json;

	t_out_clear();
	begin("probed", 300, hil_crc32(0, image, 300), 0);
	data_mode("probed", 0);
	for (int i = 0; i < 5; i++) {
		t_now_ms += 500;
		hil_core_bypass_bytes((const uint8_t *)"\r\n", 2);
		hil_core_poll();
	}
	CHECK(!hil_core_in_data_mode());
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, -HIL_ETIMEDOUT);
}

static const uint8_t abort_seq[16] = {
	0xAB, 0xC3, 0x9E, 0xF1, 0xB7, 0xD2, 0x8C, 0xE9, 0x95, 0xDA, 0x86, 0xF4, 0xBC, 0x8F, 0xE3, 0xA7,
};

/* The abort sequence ends data mode in the middle of a frame, while hunting, or at once. */
static void abort_sequence_in_any_state(void)
{
	uint32_t id;
	int rc;
	const char *json;
	size_t n;

	for (int where = 0; where < 3; where++) {
		t_out_clear();
		begin("aborted", 600, hil_crc32(0, image, 600), 0);
		data_mode("aborted", 0);
		n = t_frame(frame, 0, image, 200);
		if (where == 1) {
			hil_core_bypass_bytes(frame, 50); /* in the middle of a frame body */
		} else if (where == 2) {
			hil_core_bypass_bytes((const uint8_t *)"kernel reboot cold\n", 19); /* NAK, then hunting */
			CHECK(t_count_lines("@@NAK") == 1);
		}
		hil_core_bypass_bytes(abort_seq, 7);
		CHECK(hil_core_in_data_mode());
		hil_core_bypass_bytes(abort_seq + 7, 9);
		CHECK(!hil_core_in_data_mode());
		CHECK(!t_bypass_on);
		CHECK(t_result("@@UPL", &id, &rc, &json));
		CHECK_EQ_INT(rc, -HIL_ECANCELED);
		CHECK_EQ_INT(id, 11);
		/* the image stays resumable at what was acknowledged */
		CHECK_CONTAINS(json, "\"received\":0");
		(void)n;
	}
}

static void whole_image_crc_mismatch(void)
{
	uint32_t id;
	int rc;
	const char *json;

	t_out_clear();
	begin("liar", 100, 0x12345678u, 0);
	data_mode("liar", 0);
	send(0, 100);
	CHECK_STR(t_last_line("@@"), checked("@@ACK", "100"));
	end_frame(100);
	CHECK(t_result("@@UPL", &id, &rc, &json));
	CHECK_EQ_INT(rc, -HIL_EBADMSG);
	CHECK_CONTAINS(json, "\"received\":100,\"crc\":\"12345678\",\"complete\":false");
	/* the next begin starts over */
	begin("liar", 100, 0x12345678u, 0);
}

static void store_limits(void)
{
	int rc;
	const char *json;

	json = t_cmd_json("upload begin huge 40000 0", &rc);
	CHECK_EQ_INT(rc, -HIL_ENOSPC);
	CHECK_CONTAINS(json, "does not fit");
	/* the topmost image ("liar") given a length that would wrap offset + len on a 32-bit
	 * target: refused, nothing appended past the store (the check subtracts, never adds) */
	json = t_cmd_json("upload begin liar 4294967280 0", &rc);
	CHECK_EQ_INT(rc, -HIL_ENOSPC);
	/* another len for an image that is not the topmost one */
	json = t_cmd_json("upload begin img 10 0", &rc);
	CHECK_EQ_INT(rc, -HIL_EEXIST);
	json = t_cmd_json("upload data nosuch", &rc);
	CHECK_EQ_INT(rc, -HIL_ENOENT);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(image); i++) {
		image[i] = (uint8_t)(i * 7u + 3u);
	}
	t_flash_wipe();
	t_boot();
	good_frames_and_nak_resync();
	oversize_and_beyond_end();
	resume_after_partial();
	idle_timeout();
	probes_do_not_feed_the_idle_timer();
	abort_sequence_in_any_state();
	whole_image_crc_mismatch();
	store_limits();
	return t_done("test_upload");
}
