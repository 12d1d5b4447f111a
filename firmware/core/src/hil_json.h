/*
 * A streaming JSON writer: compact output handed to `out` as it is produced (no buffer of
 * its own), commas handled by nesting level, every string escaped so the result never
 * contains CR, LF or non-ASCII bytes. Nesting deeper than HIL_JSON_DEPTH marks it broken.
 */
#ifndef HIL_JSON_H
#define HIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HIL_JSON_DEPTH 8

struct hil_json {
	void (*out)(void *user, const char *s, size_t n);
	void *user;
	bool broken;
	bool after_key;
	uint8_t depth;
	bool first[HIL_JSON_DEPTH];
};

void hj_init(struct hil_json *j, void (*out)(void *user, const char *s, size_t n), void *user);
void hj_obj(struct hil_json *j);        /* { */
void hj_end_obj(struct hil_json *j);    /* } */
void hj_arr(struct hil_json *j);        /* [ */
void hj_end_arr(struct hil_json *j);    /* ] */
void hj_key(struct hil_json *j, const char *key);
void hj_str(struct hil_json *j, const char *s);
void hj_strn(struct hil_json *j, const char *s, size_t n);
void hj_int(struct hil_json *j, int64_t v);
void hj_bool(struct hil_json *j, bool v);
void hj_null(struct hil_json *j);
void hj_hex32(struct hil_json *j, uint32_t v);   /* "0000abcd" */

/* key + value shorthands */
void hj_kstr(struct hil_json *j, const char *key, const char *s);
void hj_kint(struct hil_json *j, const char *key, int64_t v);
void hj_kbool(struct hil_json *j, const char *key, bool v);
void hj_khex32(struct hil_json *j, const char *key, uint32_t v);

/* Decimal / hex formatting without printf; return the number of chars written. */
size_t hil_fmt_i64(char *out, int64_t v);
size_t hil_fmt_u64(char *out, uint64_t v);
void hil_fmt_hex32(char *out8, uint32_t v);

#endif /* HIL_JSON_H */
