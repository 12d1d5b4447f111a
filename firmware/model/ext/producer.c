/* Exports two functions that `consumer` imports. */
#include "ext_export.h"

EXT_EXPORT int producer_value(void)
{
	return 42;
}

EXT_EXPORT int producer_twice(void)
{
	return 2 * producer_value();
}
