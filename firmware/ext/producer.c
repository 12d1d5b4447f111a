/* Exports two functions that `consumer` imports (same shape as model/ext/producer.c). */
#include <zephyr/llext/symbol.h>

int producer_value(void)
{
	return 42;
}
LL_EXTENSION_SYMBOL(producer_value);

int producer_twice(void)
{
	return 2 * producer_value();
}
LL_EXTENSION_SYMBOL(producer_twice);
