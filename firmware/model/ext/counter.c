/* State in .data (initial value 100): the model's call stand-in increments the first
 * 32-bit word of .data in the image, so a restored counter continues where it was. */
#include "ext_export.h"

static volatile int counter_state = 100;

int counter_next(void)
{
	return ++counter_state;
}
EXT_EXPORT(counter_next);
