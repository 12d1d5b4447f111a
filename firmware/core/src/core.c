/* Core state: the bound port/backend, and the upload chunk/window derived from rx_buf. */
#include <stddef.h>

#include "hil/ctx_store.h"
#include "hil/images.h"
#include "flash_ops.h"
#include "hil_internal.h"

const struct hil_port *hil_g_port;
const struct hil_backend *hil_g_backend;

static bool port_complete(const struct hil_port *p)
{
	return p->write != NULL && p->uptime_ms != NULL && p->flash_read != NULL &&
	       p->flash_write != NULL && p->flash_erase != NULL && p->reset != NULL &&
	       p->power_cut != NULL && p->bypass != NULL && p->board != NULL && p->arch != NULL &&
	       p->zephyr_version != NULL && p->build_id != NULL && p->image_store != NULL;
}

static bool backend_complete(const struct hil_backend *b)
{
	return b->profile != NULL && b->load != NULL && b->unload != NULL && b->call != NULL &&
	       b->use_count != NULL && b->list != NULL && b->heap != NULL && b->save != NULL &&
	       b->restore != NULL && b->fault_alloc != NULL && b->fault_alloc_armed != NULL &&
	       b->alloc_calls != NULL;
}

int hil_core_init(const struct hil_port *port, const struct hil_backend *backend)
{
	uint8_t build[8];

	if (port == NULL || backend == NULL || !port_complete(port) || !backend_complete(backend) ||
	    !hil_ctx_parse_build_id(port->build_id, build)) {
		return -HIL_EINVAL;
	}
	hil_g_port = port;
	hil_g_backend = backend;
	hil_images_init(port->image_store, port->image_store_size);
	hil_upload_reset();
	hil_flash_fault_arm(0);
	hil_flash_save_end();
	int rc = hil_ctx_store_init();

	if (rc == 0) {
		hil_ctx_reserve_saved_images();
	}
	return rc;
}

uint32_t hil_core_upload_chunk(void)
{
	size_t rx = hil_g_port->rx_buf;

	if (rx <= HIL_UPLOAD_FRAME_OVERHEAD) {
		return 1; /* a useless buffer still gets a working (slow) protocol */
	}
	rx -= HIL_UPLOAD_FRAME_OVERHEAD;
	return rx < HIL_UPLOAD_CHUNK_DEFAULT ? (uint32_t)rx : HIL_UPLOAD_CHUNK_DEFAULT;
}

uint32_t hil_core_upload_window(void)
{
	uint32_t w = (uint32_t)(hil_g_port->rx_buf / (hil_core_upload_chunk() + HIL_UPLOAD_FRAME_OVERHEAD));

	return w == 0 ? 1u : w;
}

bool hil_image_busy(const char *name)
{
	uint32_t uc = 0;

	return hil_g_backend->use_count(name, &uc) == 0 && uc > 0;
}
