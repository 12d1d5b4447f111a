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

/* The 8 lower-case hex digits of v. */
static void hex32_digits(char *out8, uint32_t v)
{
	for (int i = 7; i >= 0; i--) {
		out8[i] = hex_digits[v & 0xfu];
		v >>= 4;
	}
}

/* Decimal digits of v, most significant first. */
static void put_u32(hil_out_fn out, void *user, uint32_t v)
{
	char digits[10];
	size_t n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + (v % 10u));
		v /= 10u;
	} while (v != 0);
	out(user, digits + n, sizeof(digits) - n);
}

void hil_vformat(hil_out_fn out, void *user, bool json, const char *fmt, va_list ap)
{
	char hex[10];

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
		case 'd': {
			int v = va_arg(ap, int);

			if (v < 0) {
				out(user, "-", 1);
			}
			/* the magnitude in unsigned arithmetic: no overflow for INT32_MIN */
			put_u32(out, user, v < 0 ? 0u - (uint32_t)v : (uint32_t)v);
			break;
		}
		case 'u':
			put_u32(out, user, va_arg(ap, unsigned));
			break;
		case 'b':
			if (va_arg(ap, int)) {
				out(user, "true", 4);
			} else {
				out(user, "false", 5);
			}
			break;
		case 'x': {
			size_t quoted = json ? 1 : 0; /* a JSON string in payloads, bare digits in plain mode */

			hex[0] = '"';
			hex32_digits(hex + 1, va_arg(ap, uint32_t));
			hex[9] = '"';
			out(user, hex + 1 - quoted, 8 + 2 * quoted);
			break;
		}
		default:
			return; /* a format bug: stop rather than read a wrong argument */
		}
	}
}

void hj_fmt(struct hil_json *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hil_vformat(j->out, j->user, true, fmt, ap);
	va_end(ap);
}
