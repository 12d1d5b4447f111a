/* Imports both functions of `producer` (one dependency slot), exports one. */
#include <zephyr/llext/symbol.h>

int producer_value(void);
int producer_twice(void);

int consumer_sum(void)
{
	return producer_value() + producer_twice();
}
LL_EXTENSION_SYMBOL(consumer_sum);
