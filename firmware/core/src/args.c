/* Strict argument parsing: whole words only, no signs, no surrounding junk. */
#include <string.h>

#include "hil_internal.h"

/* The value of a hexadecimal digit of either case; 16 for any other character. */
static uint32_t digit_value(char c)
{
	if (c >= '0' && c <= '9') {
		return (uint32_t)(c - '0');
	}
	c |= 0x20; /* 'A'..'F' to 'a'..'f' (no other character lands there) */
	if (c >= 'a' && c <= 'f') {
		return (uint32_t)(c - 'a' + 10);
	}
	return 16;
}

bool hil_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;

	if (s == NULL || *s == '\0') {
		return false;
	}
	for (; *s != '\0'; s++) {
		uint32_t d = digit_value(*s);

		v = v * 10u + d;
		if (d > 9 || v > 0xffffffffull) {
			return false;
		}
	}
	if (v < min || v > max) {
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

bool hil_parse_hex32(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	size_t n = 0;

	if (s == NULL) {
		return false;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	for (; *s != '\0'; s++, n++) {
		uint32_t d = digit_value(*s);

		if (d > 15 || n >= 8) {
			return false;
		}
		v = (v << 4) | d;
	}
	if (n == 0) {
		return false;
	}
	*out = v;
	return true;
}

/* 1..HIL_NAME_MAX characters, no control characters, no '|': 0, or -EINVAL / -ENAMETOOLONG
 * with the message set. */
static int check_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0) {
		hil_msgf(HIL_WORDS("name: expected a name of 1..15 characters", "name"));
		return -HIL_EINVAL;
	}
	if (n > HIL_NAME_MAX) {
		hil_msgf(HIL_WORDS("name '%s' is longer than 15 characters", "name"), s);
		return -HIL_ENAMETOOLONG;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7f || c == '|') {
			hil_msgf(HIL_WORDS("name: expected a name of printable ASCII characters without '|'", "name"));
			return -HIL_EINVAL;
		}
	}
	return 0;
}

bool hil_streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

#if HIL_MESSAGES
int hil_bad_arg(uint32_t id, const char *what, const char *form, const char *got)
{
	return hil_out_error(id, -HIL_EINVAL, "%s: expected %s, got '%s'", what, form, got);
}
#else
int hil_bad_arg_name(uint32_t id, const char *what)
{
	return (hil_out_error)(id, -HIL_EINVAL, "%s", what); /* (name): the function, not the macro */
}
#endif

int hil_name_arg(uint32_t id, const char *s)
{
	int rc = check_name(s);

	return rc != 0 ? hil_out_msg_error(id, rc) : 0;
}
