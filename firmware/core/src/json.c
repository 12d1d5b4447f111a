#include "hil_json.h"

#include <string.h>

static void puts_raw(struct hil_json *j, const char *s, size_t n)
{
	j->out(j->user, s, n);
}

static void put(struct hil_json *j, char c)
{
	j->out(j->user, &c, 1);
}

/* Comma before every value or key except the first at this level and a value after a key. */
static void separate(struct hil_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth]) {
		put(j, ',');
	}
	j->first[j->depth] = false;
}

void hj_init(struct hil_json *j, void (*out)(void *user, const char *s, size_t n), void *user)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->user = user;
	j->first[0] = true;
}

static void open_level(struct hil_json *j, char c)
{
	separate(j);
	put(j, c);
	if (j->depth + 1 >= HIL_JSON_DEPTH) {
		j->broken = true; /* deeper than any protocol payload: a bug, report it */
		return;
	}
	j->depth++;
	j->first[j->depth] = true;
}

static void close_level(struct hil_json *j, char c)
{
	if (j->depth > 0) {
		j->depth--;
	}
	put(j, c);
}

void hj_obj(struct hil_json *j) { open_level(j, '{'); }
void hj_end_obj(struct hil_json *j) { close_level(j, '}'); }
void hj_arr(struct hil_json *j) { open_level(j, '['); }
void hj_end_arr(struct hil_json *j) { close_level(j, ']'); }

static void put_escaped(struct hil_json *j, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	put(j, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': puts_raw(j, "\\\"", 2); break;
		case '\\': puts_raw(j, "\\\\", 2); break;
		case '\n': puts_raw(j, "\\n", 2); break;
		case '\r': puts_raw(j, "\\r", 2); break;
		case '\t': puts_raw(j, "\\t", 2); break;
		default:
			/* Control characters and non-ASCII bytes (names may be arbitrary bytes):
			 * \u00XX keeps the line pure ASCII and valid JSON. */
			if (c < 0x20 || c >= 0x7f) {
				puts_raw(j, "\\u00", 4);
				put(j, hex[c >> 4]);
				put(j, hex[c & 0xf]);
			} else {
				put(j, (char)c);
			}
		}
	}
	put(j, '"');
}

void hj_key(struct hil_json *j, const char *key)
{
	separate(j);
	put_escaped(j, key, strlen(key));
	put(j, ':');
	j->after_key = true;
}

void hj_str(struct hil_json *j, const char *s)
{
	separate(j);
	put_escaped(j, s, strlen(s));
}

void hj_strn(struct hil_json *j, const char *s, size_t n)
{
	separate(j);
	put_escaped(j, s, n);
}

size_t hil_fmt_u64(char *out, uint64_t v)
{
	char tmp[20];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + (v % 10u));
		v /= 10u;
	} while (v != 0);
	for (size_t i = 0; i < n; i++) {
		out[i] = tmp[n - 1 - i];
	}
	return n;
}

size_t hil_fmt_i64(char *out, int64_t v)
{
	if (v < 0) {
		out[0] = '-';
		/* negate in unsigned arithmetic: no overflow for INT64_MIN */
		return 1 + hil_fmt_u64(out + 1, (uint64_t)0 - (uint64_t)v);
	}
	return hil_fmt_u64(out, (uint64_t)v);
}

void hil_fmt_hex32(char *out8, uint32_t v)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 7; i >= 0; i--) {
		out8[i] = hex[v & 0xfu];
		v >>= 4;
	}
}

void hj_int(struct hil_json *j, int64_t v)
{
	char tmp[24];

	separate(j);
	puts_raw(j, tmp, hil_fmt_i64(tmp, v));
}

void hj_bool(struct hil_json *j, bool v)
{
	separate(j);
	if (v) {
		puts_raw(j, "true", 4);
	} else {
		puts_raw(j, "false", 5);
	}
}

void hj_null(struct hil_json *j)
{
	separate(j);
	puts_raw(j, "null", 4);
}

void hj_hex32(struct hil_json *j, uint32_t v)
{
	char tmp[8];

	separate(j);
	hil_fmt_hex32(tmp, v);
	put(j, '"');
	puts_raw(j, tmp, 8);
	put(j, '"');
}

void hj_kstr(struct hil_json *j, const char *key, const char *s) { hj_key(j, key); hj_str(j, s); }
void hj_kint(struct hil_json *j, const char *key, int64_t v) { hj_key(j, key); hj_int(j, v); }
void hj_kbool(struct hil_json *j, const char *key, bool v) { hj_key(j, key); hj_bool(j, v); }
void hj_khex32(struct hil_json *j, const char *key, uint32_t v) { hj_key(j, key); hj_hex32(j, v); }
