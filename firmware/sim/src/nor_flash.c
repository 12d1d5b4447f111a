#define _POSIX_C_SOURCE 200809L
#include "nor_flash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hil/errno.h"

#define IO_CHUNK 4096u

enum io_dir { IO_READ, IO_WRITE };

/* pread/pwrite may move fewer bytes than asked or be interrupted: loop until all of `len`
 * is done. The buffer is read from for IO_WRITE and written to for IO_READ. */
static int io_all(int fd, enum io_dir dir, void *buf, size_t len, off_t off)
{
	uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = dir == IO_READ ? pread(fd, p, len, off) : pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

static int fill_erased(int fd, uint32_t off, uint32_t len)
{
	uint8_t ff[IO_CHUNK];

	memset(ff, 0xFF, sizeof(ff));
	while (len > 0) {
		uint32_t n = len < IO_CHUNK ? len : IO_CHUNK;

		if (io_all(fd, IO_WRITE, ff, n, (off_t)off) != 0) {
			return -1;
		}
		off += n;
		len -= n;
	}
	return 0;
}

int nor_open(struct nor_flash *f, const char *path, uint32_t size, bool size_required,
	     uint32_t erase_block, uint32_t write_block, char *why, size_t why_len)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT, 0644);

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if (fd < 0) {
		snprintf(why, why_len, "--flash: cannot open '%s': %s; give a writable path", path,
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(why, why_len, "--flash: cannot stat '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (st.st_size == 0) {
		if (fill_erased(fd, 0, size) != 0) {
			snprintf(why, why_len, "--flash: cannot create '%s' (%u bytes): %s", path,
				 (unsigned)size, strerror(errno));
			close(fd);
			return -1;
		}
	} else if (size_required && (uint64_t)st.st_size != size) {
		snprintf(why, why_len,
			 "--flash-size %u does not match the existing flash file '%s' of %lld bytes; "
			 "drop --flash-size or delete the file", (unsigned)size, path,
			 (long long)st.st_size);
		close(fd);
		return -1;
	} else if (st.st_size > (off_t)UINT32_MAX || st.st_size % erase_block != 0) {
		snprintf(why, why_len,
			 "--flash: '%s' holds %lld bytes, not a multiple of the erase block %u; "
			 "delete it or pass the --erase-block it was made with", path,
			 (long long)st.st_size, (unsigned)erase_block);
		close(fd);
		return -1;
	} else {
		size = (uint32_t)st.st_size;
	}
	f->fd = fd;
	f->size = size;
	f->erase_block = erase_block;
	f->write_block = write_block;
	return 0;
}

void nor_close(struct nor_flash *f)
{
	if (f->fd >= 0) {
		close(f->fd);
	}
	f->fd = -1;
}

static int in_range(const struct nor_flash *f, uint32_t off, size_t len)
{
	return f->fd >= 0 && off <= f->size && len <= (size_t)(f->size - off);
}

int nor_read(struct nor_flash *f, uint32_t off, void *dst, size_t len)
{
	if (!in_range(f, off, len)) {
		return -HIL_EINVAL;
	}
	f->reads++;
	return io_all(f->fd, IO_READ, dst, len, (off_t)off) == 0 ? 0 : -HIL_EIO;
}

int nor_program(struct nor_flash *f, uint32_t off, const void *src, size_t len)
{
	const uint8_t *in = src;
	uint8_t cell[IO_CHUNK];

	if (!in_range(f, off, len) || off % f->write_block != 0 || len % f->write_block != 0) {
		return -HIL_EINVAL;
	}
	f->writes++;
	while (len > 0) {
		size_t n = len < IO_CHUNK ? len : IO_CHUNK;

		if (io_all(f->fd, IO_READ, cell, n, (off_t)off) != 0) {
			return -HIL_EIO;
		}
		for (size_t i = 0; i < n; i++) {
			cell[i] &= in[i]; /* NOR: programming only pulls bits from 1 to 0 */
		}
		if (io_all(f->fd, IO_WRITE, cell, n, (off_t)off) != 0) {
			return -HIL_EIO;
		}
		in += n;
		off += (uint32_t)n;
		len -= n;
	}
	return 0;
}

int nor_erase(struct nor_flash *f, uint32_t off, size_t len)
{
	if (!in_range(f, off, len) || off % f->erase_block != 0 || len % f->erase_block != 0) {
		return -HIL_EINVAL;
	}
	f->erases++;
	return fill_erased(f->fd, off, (uint32_t)len) == 0 ? 0 : -HIL_EIO;
}
