#include "modelboard/text.h"

void text_init(struct text *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	if (cap > 0) {
		buf[0] = '\0';
	}
}

static void put(struct text *t, char c)
{
	if (t->len + 1 < t->cap) {
		t->buf[t->len++] = c;
		t->buf[t->len] = '\0';
	}
}

void text_str(struct text *t, const char *s)
{
	while (*s != '\0') {
		put(t, *s++);
	}
}

void text_u32(struct text *t, uint32_t v)
{
	char digits[10];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v != 0);
	while (n > 0) {
		put(t, digits[--n]);
	}
}
