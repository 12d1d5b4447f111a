/*
 * The context is streamed to flash, never staged whole in RAM: saving and restoring the
 * largest context the format supports (16 extensions, 512 section maps, 128 symbols, a
 * 4096-byte backend blob) through an instrumented flash port, the largest single write and
 * the largest read into RAM (outside the image store, where image bytes belong) never exceed
 * one program chunk (HIL_CTX_PROGRAM_CHUNK, 64 bytes = the largest write block; the 64-byte
 * header is written through the same buffer).
 */
#include <string.h>

#include "hil/config.h"
#include "hil/ctx_format.h"
#include "test_support.h"

static void largest_context(uint32_t write_block)
{
	uint8_t image[64];
	char line[32];
	int rc;

	t_write_block = write_block;
	t_flash_wipe();
	t_boot();
	for (unsigned i = 0; i < HIL_CTX_MAX_EXT; i++) {
		snprintf(line, sizeof(line), "e%u", i);
		t_make_image(image, sizeof(image), (uint8_t)i);
		CHECK_EQ_INT(t_upload(line, image, sizeof(image)), 0);
		snprintf(line, sizeof(line), "load e%u", i);
		(void)t_cmd_json(line, &rc);
		CHECK_EQ_INT(rc, 0);
	}
	t_big_context = true;
	t_flash_max_write = 0;
	t_flash_max_read_to_ram = 0;
	CHECK_CMD_CONTAINS("ctx save", 0, "\"n\":16");
	CHECK(t_flash_max_write > 0);
	CHECK(t_flash_max_write <= HIL_CTX_PROGRAM_CHUNK);
	CHECK(t_flash_max_read_to_ram <= HIL_CTX_PROGRAM_CHUNK);
	if (write_block == 64) {
		/* one write block: the body runs, the header and the commit record alike */
		CHECK_EQ_INT(t_flash_max_write, write_block);
	}
	printf("W=%u: largest flash write %zu B, largest read into RAM %zu B while saving\n",
	       (unsigned)write_block, t_flash_max_write, t_flash_max_read_to_ram);

	/* reboot: RAM is gone, the restore reads every record back from flash */
	t_boot();
	t_flash_max_write = 0;
	t_flash_max_read_to_ram = 0;
	t_big_restore_verified = false;
	CHECK_CMD_CONTAINS("ctx restore", 0, "\"restore\":0");
	CHECK(t_big_restore_verified);
	CHECK_EQ_INT(t_flash_max_write, 0); /* restore never writes flash */
	CHECK(t_flash_max_read_to_ram <= HIL_CTX_PROGRAM_CHUNK);
	printf("W=%u: largest read into RAM %zu B while restoring\n", (unsigned)write_block,
	       t_flash_max_read_to_ram);
	CHECK_CMD_CONTAINS("ctx info", 0, "\"n\":16");
	t_big_context = false;
}

int main(void)
{
	largest_context(64);
	largest_context(8);
	t_write_block = T_WRITE_BLOCK;
	return t_done("test_ctx_streaming");
}
