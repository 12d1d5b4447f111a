/* Strict argument parsing: whole words only, no signs, no surrounding junk. */
#include <string.h>

#include "hil_internal.h"

bool hil_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;

	if (s == NULL || *s == '\0') {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
		v = v * 10u + (uint64_t)(*s - '0');
		if (v > 0xffffffffull) {
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
		char c = *s;
		uint32_t d;

		if (c >= '0' && c <= '9') {
			d = (uint32_t)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			d = (uint32_t)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			d = (uint32_t)(c - 'A' + 10);
		} else {
			return false;
		}
		if (n >= 8) {
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

int hil_check_name(const char *what, const char *s)
{
	size_t n = strlen(s);

	if (n == 0) {
		hil_msgf(HIL_WORDS("%s: expected a name of 1..15 characters", "%s"), what);
		return -HIL_EINVAL;
	}
	if (n > HIL_NAME_MAX) {
		hil_msgf(HIL_WORDS("%s '%s' is longer than 15 characters", "%s"), what, s);
		return -HIL_ENAMETOOLONG;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7f || c == '|') {
			hil_msgf(HIL_WORDS("%s: expected a name of printable ASCII characters without '|'", "%s"), what);
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
	int rc = hil_check_name("name", s);

	return rc != 0 ? hil_out_msg_error(id, rc) : 0;
}
