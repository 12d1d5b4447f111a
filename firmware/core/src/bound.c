/*
 * The port and backend the core is bound to, and what derives from them alone (upload
 * chunk and window, "is this image in use"). Every other file of the core builds on this
 * one; it calls none of them, so the core's files form no call circle.
 */
#include "hil/config.h"
#include "hil_internal.h"

const struct hil_port *hil_g_port;
const struct hil_backend *hil_g_backend;

void hil_bind(const struct hil_port *port, const struct hil_backend *backend)
{
	hil_g_port = port;
	hil_g_backend = backend;
}

uint32_t hil_core_upload_chunk(void)
{
	size_t rx = hil_g_port->rx_buf;

	if (rx <= HIL_UPLOAD_FRAME_OVERHEAD) {
		return 1; /* a useless buffer still gets a working (slow) protocol */
	}
	rx -= HIL_UPLOAD_FRAME_OVERHEAD;
	return rx < HIL_UPLOAD_CHUNK_MAX ? (uint32_t)rx : HIL_UPLOAD_CHUNK_MAX;
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
