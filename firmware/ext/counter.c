/* State in .data (initial value 100): LLEXT maps .data in place in the image store, so the
 * count is part of the image the core saves with the context and re-instates; a restored
 * counter continues where it was. (A .bss variable would live in the LLEXT heap and not
 * survive a reset: see docs/zephyr.md.) */
#include <zephyr/llext/symbol.h>

static volatile int counter_state = 100;

int counter_next(void)
{
	return ++counter_state;
}
LL_EXTENSION_SYMBOL(counter_next);
