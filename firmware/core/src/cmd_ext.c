/* `upload begin|data|list`, `load`, `unload`, `call`: images and the extensions on them. */
#include <string.h>

#include "hil/images.h"
#include "hil_internal.h"

int hil_cmd_upload_begin(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint32_t len, crc;
	const struct hil_image *img;
	int rc;

	(void)c;
	(void)argc;
	if (!hil_parse_u32(argv[3], 1, 0xffffffffu, &len)) {
		return hil_bad_arg(id, "len", "a decimal byte count >= 1", argv[3]);
	}
	if (!hil_parse_hex32(argv[4], &crc)) {
		return hil_bad_arg(id, "crc32hex", "1..8 hex digits", argv[4]);
	}
	rc = hil_images_begin(argv[2], len, crc, hil_image_busy, &img);
	if (rc != 0) {
		if (rc == -HIL_ENOSPC) {
			return hil_out_error(id, rc, "image '%s' does not fit: image store %u bytes, used %u, at most %u images",
					     argv[2], (uint32_t)hil_images_capacity(), (uint32_t)hil_images_used(),
					     (uint32_t)HIL_IMAGES_MAX);
		}
		return hil_out_error(id, rc, rc == -HIL_EBUSY ? "image '%s' is in use by a loaded extension; unload it first"
				     : "image '%s' exists with another len/crc and is not the last image; reset to clear the store",
				     argv[2]);
	}
	return hil_out_result(id, 0, "{\"name\":%s,\"len\":%u,\"next\":%u,\"chunk\":%u,\"window\":%u}",
			      img->name, img->len, img->received, hil_core_upload_chunk(),
			      hil_core_upload_window());
}

int hil_cmd_upload_data(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	int rc;

	(void)c;
	(void)argc;
	const struct hil_image *img = hil_images_by_name(argv[2]);

	if (img == NULL) {
		return hil_out_error(id, -HIL_ENOENT, "no image named '%s'; start with upload begin", argv[2]);
	}
	rc = hil_out_result(id, 0, "{\"name\":%s,\"next\":%u}", img->name, img->received);
	hil_upload_start(img->name, id, img->received);
	return rc;
}

#if HIL_UPLOAD_LIST
int hil_cmd_upload_list(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_json *j = hil_out_begin(id, 0);

	(void)c;
	(void)argc;
	(void)argv;
	hj_fmt(j, "{\"images\":[");
	const struct hil_image *img;

	for (size_t i = 0; (img = hil_images_at(i)) != NULL; i++) {
		hj_fmt(j, HJ_ITEM(",{\"name\":%s,\"len\":%u,\"crc\":%x,\"received\":%u,\"complete\":%b}", i == 0),
		       img->name, img->len, img->crc, img->received, img->complete);
	}
	hj_fmt(j, "]}");
	return hil_out_end();
}
#endif

static int name_and_use_count(uint32_t id, int rc, const char *name, uint32_t use_count)
{
	return hil_out_result(id, rc, "{\"name\":%s,\"use_count\":%u}", name, use_count);
}

int hil_cmd_load(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint8_t *data;
	size_t len;
	uint32_t uc = 0;
	int rc = hil_images_find(argv[1], &data, &len);

	(void)c;
	(void)argc;
	if (rc != 0) {
		return hil_out_error(id, rc, rc == -HIL_ENOENT ? "no image named '%s'; upload it first"
							      : "image '%s' is incomplete or failed its CRC", argv[1]);
	}
	rc = hil_g_backend->load(argv[1], data, len);
	if (rc < 0) {
		return hil_out_error(id, rc, "llext_load of '%s' returned %d", argv[1], rc);
	}
	(void)hil_g_backend->use_count(argv[1], &uc);
	return name_and_use_count(id, rc, argv[1], uc);
}

int hil_cmd_unload(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint32_t uc = 0;
	int rc = hil_g_backend->unload(argv[1], &uc);

	(void)c;
	(void)argc;
	if (rc < 0) {
		return hil_out_error(id, rc, rc == -HIL_ENOENT ? "no extension named '%s' is loaded"
							      : "unload '%s' failed: %d", argv[1], rc);
	}
	return name_and_use_count(id, rc, argv[1], uc);
}

int hil_cmd_call(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	int32_t value = 0;
	size_t sl = strlen(argv[2]);
	int rc;

	(void)c;
	(void)argc;
	if (sl == 0 || sl > HIL_SYM_NAME_MAX) {
		return hil_out_error(id, sl == 0 ? -HIL_EINVAL : -HIL_ENAMETOOLONG,
				     "symbol: expected a symbol name of 1..31 characters");
	}
	rc = hil_g_backend->call(argv[1], argv[2], &value);
	if (rc < 0) {
		if (rc == -HIL_ENOENT) {
			return hil_out_error(id, rc, "no extension named '%s' is loaded, or it exports no symbol '%s'",
					     argv[1], argv[2]);
		}
		return hil_out_error(id, rc, "call of '%s' failed: %d", argv[2], rc);
	}
	return hil_out_result(id, 0, "{\"name\":%s,\"symbol\":%s,\"value\":%d}", argv[1], argv[2],
			      (int)value);
}
