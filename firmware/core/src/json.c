/* The format engine of hil_json.h: result payloads and error messages. */
#include "hil_json.h"

#include <string.h>

static const char hex_digits[] = "0123456789abcdef";

/* Characters JSON escapes with a backslash and a letter: the letter at the same index. */
static const char escaped[] = "\"\\\n\r\t";
static const char escape_letters[] = "\"\\nrt";

static void put_escaped(hil_out_fn out, void *user, const char *s)
{
	char esc[6] = { '\\', 'u', '0', '0', 0, 0 };

	out(user, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e = strchr(escaped, c); /* c is not NUL here */

		if (e != NULL) {
			esc[1] = escape_letters[e - escaped];
			out(user, esc, 2);
			esc[1] = 'u';
		} else if (c < 0x20 || c >= 0x7f) {
			/* Control characters and non-ASCII bytes (names may be arbitrary bytes):
			 * \u00XX keeps the line pure ASCII and valid JSON. */
			esc[4] = hex_digits[c >> 4];
			esc[5] = hex_digits[c & 0xf];
			out(user, esc, 6);
		} else {
			out(user, s, 1);
		}
	}
	out(user, "\"", 1);
}

void hil_vformat(hil_out_fn out, void *user, bool json, const char *fmt, va_list ap)
{
	char tmp[12];

	while (*fmt != '\0') {
		size_t lit = 0;

		while (fmt[lit] != '\0' && fmt[lit] != '%') {
			lit++;
		}
		if (lit > 0) {
			out(user, fmt, lit);
			fmt += lit;
			continue;
		}
		fmt++; /* '%' */
		switch (*fmt++) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (json) {
				put_escaped(out, user, s);
			} else {
				out(user, s, strlen(s));
			}
			break;
		}
		case 'd':
			out(user, tmp, hil_fmt_i32(tmp, va_arg(ap, int)));
			break;
		case 'u':
			out(user, tmp, hil_fmt_u32(tmp, va_arg(ap, unsigned)));
			break;
		case 'b':
			if (va_arg(ap, int)) {
				out(user, "true", 4);
			} else {
				out(user, "false", 5);
			}
			break;
		case 'x':
			tmp[0] = '"';
			hil_fmt_hex32(tmp + 1, va_arg(ap, uint32_t));
			tmp[9] = '"';
			out(user, tmp, 10);
			break;
		default:
			return; /* a format bug: stop rather than read a wrong argument */
		}
	}
}

void hj_init(struct hil_json *j, hil_out_fn out, void *user)
{
	j->out = out;
	j->user = user;
}

void hj_fmt(struct hil_json *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hil_vformat(j->out, j->user, true, fmt, ap);
	va_end(ap);
}

size_t hil_fmt_u32(char *out, uint32_t v)
{
	char tmp[10];
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

size_t hil_fmt_i32(char *out, int32_t v)
{
	if (v < 0) {
		out[0] = '-';
		/* negate in unsigned arithmetic: no overflow for INT32_MIN */
		return 1 + hil_fmt_u32(out + 1, 0u - (uint32_t)v);
	}
	return hil_fmt_u32(out, (uint32_t)v);
}

void hil_fmt_hex32(char *out8, uint32_t v)
{
	for (int i = 7; i >= 0; i--) {
		out8[i] = hex_digits[v & 0xfu];
		v >>= 4;
	}
}
