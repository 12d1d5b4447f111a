/*
 * Result payloads written from format strings, streamed to an output function as they are
 * produced (no buffer of their own). A format is the JSON text itself with conversions:
 *   %s  a string, quoted and escaped (never CR, LF or non-ASCII in the output)
 *   %d  an int, %u an unsigned (uint32_t) in decimal
 *   %b  a bool (passed as int): true / false
 *   %x  a uint32_t as a quoted 8-digit lower-case hex string (plain mode: the 8 digits)
 * Everything else is copied verbatim, so hj_fmt(j, "{\"len\":%u}", len) prints {"len":5}.
 * The same engine formats the one-line error messages (plain mode: %s copied verbatim).
 */
#ifndef HIL_JSON_H
#define HIL_JSON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*hil_out_fn)(void *user, const char *s, size_t n);

struct hil_json {
	hil_out_fn out;
	void *user;
};

/* A list element's format written with its leading comma, ",{...}": the comma is skipped
 * for the first element (one format string instead of two). */
#define HJ_ITEM(comma_fmt, first) (&(comma_fmt)[(first) ? 1 : 0])

static inline void hj_init(struct hil_json *j, hil_out_fn out, void *user)
{
	j->out = out;
	j->user = user;
}

void hj_fmt(struct hil_json *j, const char *fmt, ...);

/* The engine: json = true quotes and escapes %s (payloads), false copies it (messages). */
void hil_vformat(hil_out_fn out, void *user, bool json, const char *fmt, va_list ap);

#endif /* HIL_JSON_H */
