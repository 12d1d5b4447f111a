/* hil_core_init: check and bind the port and backend, reset every part of the core. */
#include <stddef.h>

#include "hil/ctx_store.h"
#include "hil/images.h"
#include "flash_ops.h"
#include "hil_internal.h"

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
	hil_bind(port, backend);
	hil_images_init(port->image_store, port->image_store_size);
	hil_upload_reset();
	hil_request_reset();
	hil_flash_fault_arm(0);
	hil_flash_save_end();
	int rc = hil_ctx_store_init();

	if (rc == 0) {
		hil_ctx_reserve_saved_images();
	}
	return rc;
}
