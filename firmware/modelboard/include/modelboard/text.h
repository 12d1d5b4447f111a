/*
 * A tiny bounded text builder for the boot log lines: strings and unsigned decimals only
 * (the QEMU core has no printf). Output that does not fit is cut, never overflows.
 */
#ifndef MODELBOARD_TEXT_H
#define MODELBOARD_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct text {
	char *buf;
	size_t cap; /* including the terminating NUL */
	size_t len;
};

void text_init(struct text *t, char *buf, size_t cap);
void text_str(struct text *t, const char *s);
void text_u32(struct text *t, uint32_t v);

#endif
