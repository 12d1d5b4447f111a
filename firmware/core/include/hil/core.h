/*
 * Entry points of the portable HIL core: the `hil` command set of docs/protocol.md,
 * upload data mode, and the periodic poll. Single-threaded: the port calls these from one
 * thread (the shell thread) only.
 */
#ifndef HIL_CORE_H
#define HIL_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/errno.h"
#include "hil/port.h"

#define HIL_FW_VERSION "0.1.0"

/* Upload framing: A5 5A | offset u32 | len u16 | payload | crc32 u32 = 12 bytes overhead. */
#define HIL_UPLOAD_FRAME_OVERHEAD 12u
#define HIL_UPLOAD_IDLE_MS        2000u
/* Length of the abort sequence that ends data mode from any state (upload.c). */
#define HIL_UPLOAD_ABORT_LEN      16u

/* Bind the core to its port and backend (both must outlive the core) and reset all core
 * state: image store empty, faults disarmed, data mode off. Call once per boot, before
 * the first command. Returns 0, or -HIL_EINVAL when a required port field is missing or
 * the flash geometry cannot hold two context slots. */
int hil_core_init(const struct hil_port *port, const struct hil_backend *backend);

/* Run one `hil` command. argv holds the words AFTER the root word `hil`:
 * `hil @7 ctx save a b` -> argc 5, argv {"@7","ctx","save","a","b"}. (Zephyr's shell
 * hands the root word as argv[0]: the glue passes argc - 1, argv + 1.) The optional
 * leading `@<id>` is the request id. Prints exactly one result line (plus, for
 * `upload data`, enters data mode afterwards) and returns the rc it printed.
 * argv strings are not modified. */
int hil_core_command(int argc, char **argv);

/* Announce readiness: prints `@@RDY|<boot>|{"build":s,"fw":s,"board":s}|<crc>` (CRC-32 of
 * `<boot>|<json>`, as for result lines; docs/protocol.md section 3.1), so the host knows this
 * boot takes commands without waiting for a quiet period. Call once per boot, after
 * hil_core_init() succeeded and once the shell takes input. */
void hil_core_announce_ready(void);

/* Bytes received while in data mode (the port routes them here while bypass is on).
 * Prints @@ACK / @@NAK lines and, at the end frame or the abort sequence, the @@UPL line,
 * then calls port->bypass(false). Bytes arriving outside data mode are ignored. */
void hil_core_bypass_bytes(const uint8_t *data, size_t len);

/* Call periodically (every <= 100 ms is plenty) while in data mode: ends it with
 * -ETIMEDOUT after HIL_UPLOAD_IDLE_MS without a frame byte (line ends between frames do not
 * count). Cheap when idle. */
void hil_core_poll(void);

/* true while upload data mode is active (bypass on). */
bool hil_core_in_data_mode(void);

/* The upload chunk/window derived from port->rx_buf (reported by `info` and
 * `upload begin`): chunk = min(HIL_UPLOAD_CHUNK_MAX (256), rx_buf - 12) (at least 1), window = rx_buf / (chunk+12). */
uint32_t hil_core_upload_chunk(void);
uint32_t hil_core_upload_window(void);

#endif /* HIL_CORE_H */
