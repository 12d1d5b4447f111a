/* Exports two functions that `consumer` imports. */
#include "ext_export.h"

int producer_value(void)
{
	return 42;
}
EXT_EXPORT(producer_value);

int producer_twice(void)
{
	return 2 * producer_value();
}
EXT_EXPORT(producer_twice);
