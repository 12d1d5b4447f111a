/* Imports both functions of `producer` (one dependency slot), exports one. */
#include "ext_export.h"

int producer_value(void);
int producer_twice(void);

int consumer_sum(void)
{
	return producer_value() + producer_twice();
}
EXT_EXPORT(consumer_sum);
