/* hil_core_init: check and bind the port and backend, reset every part of the core. */
#include <stddef.h>
#include <string.h>

#include "hil/ctx_store.h"
#include "hil/images.h"
#include "flash_ops.h"
#include "hil_internal.h"

/* The members that must be set: every pointer but the port's optional flush. */
static const uint8_t port_needs[] = {
	offsetof(struct hil_port, write), offsetof(struct hil_port, uptime_ms),
	offsetof(struct hil_port, flash_read), offsetof(struct hil_port, flash_write),
	offsetof(struct hil_port, flash_erase), offsetof(struct hil_port, reset),
	offsetof(struct hil_port, power_cut), offsetof(struct hil_port, bypass),
	offsetof(struct hil_port, board), offsetof(struct hil_port, arch),
	offsetof(struct hil_port, zephyr_version), offsetof(struct hil_port, build_id),
	offsetof(struct hil_port, image_store),
};
static const uint8_t backend_needs[] = {
	offsetof(struct hil_backend, profile), offsetof(struct hil_backend, load),
	offsetof(struct hil_backend, unload), offsetof(struct hil_backend, call),
	offsetof(struct hil_backend, use_count), offsetof(struct hil_backend, list),
	offsetof(struct hil_backend, heap), offsetof(struct hil_backend, save),
	offsetof(struct hil_backend, restore), offsetof(struct hil_backend, fault_alloc),
	offsetof(struct hil_backend, fault_alloc_armed), offsetof(struct hil_backend, alloc_calls),
};

/* Are the pointers at offsets `needs` of struct s all non-NULL? A table instead of one test
 * per member keeps this small; each member is read as a void *, as function and object
 * pointers have the same representation on every target the core builds for. */
static bool all_set(const void *s, const uint8_t *needs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const void *p;

		memcpy(&p, (const char *)s + needs[i], sizeof(p));
		if (p == NULL) {
			return false;
		}
	}
	return true;
}

int hil_core_init(const struct hil_port *port, const struct hil_backend *backend)
{
	uint8_t build[8];

	if (port == NULL || backend == NULL || !all_set(port, port_needs, sizeof(port_needs)) ||
	    !all_set(backend, backend_needs, sizeof(backend_needs)) ||
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
