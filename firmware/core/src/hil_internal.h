/* Shared between the core's source files; not part of the public interface. */
#ifndef HIL_INTERNAL_H
#define HIL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/core.h"
#include "hil/port.h"
#include "hil_json.h"

extern const struct hil_port *hil_g_port;
extern const struct hil_backend *hil_g_backend;

/* ---- output (output.c) ---- */
/* Start a result: returns the JSON writer for its payload (static storage). */
struct hil_json *hil_out_json(void);
/* Finish and print `<tag>|<id>|<rc>|<json>|<crc>` as one write; returns rc (or -ENOSPC
 * when the JSON did not fit, in which case an error result is printed instead). */
int hil_out_result(const char *tag, uint32_t id, int rc);
/* Print an error result {"error":msg}. */
int hil_out_error(uint32_t id, int rc, const char *msg);
/* A plain line (e.g. "@@ACK|256"); CRLF is appended. */
void hil_out_line(const char *text, size_t len);

/* One-line message builder for errors (static storage, truncates safely). */
void hil_msg_reset(void);
void hil_msg(const char *s);
void hil_msg_int(int64_t v);
const char *hil_msg_text(void);

/* ---- argument parsing (args.c) ---- */
/* Whole-string decimal u32 within [min, max]. */
bool hil_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* 1..8 hex digits. */
bool hil_parse_hex32(const char *s, uint32_t *out);
/* 1..HIL_NAME_MAX chars, no control characters. -EINVAL or -ENAMETOOLONG (msg set). */
int hil_check_name(const char *what, const char *s);
bool hil_streq(const char *a, const char *b);

/* ---- upload receiver (upload.c) ---- */
void hil_upload_reset(void);
/* Start data mode for image `name` (already begun), result id `id`. */
void hil_upload_start(const char *name, uint32_t id, uint32_t next);

/* ---- command groups ---- */
/* -ENOTSUP result for a test-only command in a build without them. */
int hil_cmd_test_gate(uint32_t id, const char *what);
int hil_cmd_ctx(uint32_t id, int argc, char **argv);  /* argv[0] == "ctx" */
void hil_ctx_reserve_saved_images(void); /* at init: uploads stay clear of saved images */

/* Is the named image used by a loaded extension? (backend->use_count) */
bool hil_image_busy(const char *name);

#endif /* HIL_INTERNAL_H */
