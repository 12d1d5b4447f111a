/*
 * Unit test of the NOR flash file: created 0xFF-filled, programming only clears bits,
 * erase restores 0xFF per erase block, alignment and range are enforced, content persists
 * across close/open, and the size is fixed at creation.
 */
#define _DEFAULT_SOURCE
#include "nor_flash.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hil/errno.h"

static int failures;
#define CHECK(c) do { if (!(c)) { failures++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

static int all_equal(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != v) {
			return 0;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	char path[512], why[512];
	struct nor_flash f;
	uint8_t buf[16384], data[16];
	struct stat st;

	if (argc != 2) {
		fprintf(stderr, "usage: test_nor_flash <scratch-dir>\n");
		return 2;
	}
	mkdir(argv[1], 0755);
	snprintf(path, sizeof(path), "%s/nor.flash", argv[1]);
	unlink(path);

	CHECK(nor_open(&f, path, 16384, false, 4096, 8, why, sizeof(why)) == 0);
	CHECK(stat(path, &st) == 0 && st.st_size == 16384);
	CHECK(nor_read(&f, 0, buf, 16384) == 0 && all_equal(buf, 16384, 0xFF));

	/* Program clears bits only: 0xF0 then 0x3C gives 0x30, never back to 1. */
	memset(data, 0xF0, sizeof(data));
	CHECK(nor_program(&f, 8, data, 16) == 0);
	memset(data, 0x3C, sizeof(data));
	CHECK(nor_program(&f, 8, data, 16) == 0);
	CHECK(nor_read(&f, 0, buf, 32) == 0);
	CHECK(all_equal(buf, 8, 0xFF) && all_equal(buf + 8, 16, 0x30) && all_equal(buf + 24, 8, 0xFF));
	memset(data, 0xFF, sizeof(data));
	CHECK(nor_program(&f, 8, data, 16) == 0); /* writing 1s changes nothing */
	CHECK(nor_read(&f, 8, buf, 16) == 0 && all_equal(buf, 16, 0x30));

	/* Alignment and range. */
	CHECK(nor_program(&f, 4, data, 8) == -HIL_EINVAL);
	CHECK(nor_program(&f, 8, data, 12) == -HIL_EINVAL);
	CHECK(nor_program(&f, 16384 - 8, data, 16) == -HIL_EINVAL);
	CHECK(nor_erase(&f, 100, 4096) == -HIL_EINVAL);
	CHECK(nor_erase(&f, 0, 100) == -HIL_EINVAL);
	CHECK(nor_erase(&f, 12288, 8192) == -HIL_EINVAL);
	CHECK(nor_read(&f, 16380, buf, 8) == -HIL_EINVAL);

	/* Erase restores 0xFF for whole blocks, leaving the others alone. */
	memset(data, 0x00, sizeof(data));
	CHECK(nor_program(&f, 4096, data, 16) == 0);
	CHECK(nor_erase(&f, 0, 4096) == 0);
	CHECK(nor_read(&f, 0, buf, 8192) == 0);
	CHECK(all_equal(buf, 4096, 0xFF) && all_equal(buf + 4096, 16, 0x00) && all_equal(buf + 4112, 4080, 0xFF));
	nor_close(&f);

	/* Persists; an existing file keeps its size and refuses a different required size. */
	CHECK(nor_open(&f, path, 65536, false, 4096, 8, why, sizeof(why)) == 0 && f.size == 16384);
	CHECK(nor_read(&f, 4096, buf, 16) == 0 && all_equal(buf, 16, 0x00));
	nor_close(&f);
	CHECK(nor_open(&f, path, 65536, true, 4096, 8, why, sizeof(why)) == -1);
	CHECK(strstr(why, "--flash-size 65536 does not match") != NULL);
	CHECK(nor_open(&f, path, 16384, false, 32768, 8, why, sizeof(why)) == -1); /* not a multiple */

	if (failures) {
		fprintf(stderr, "nor_flash: %d check(s) failed\n", failures);
		return 1;
	}
	printf("nor_flash: all checks passed\n");
	return 0;
}
