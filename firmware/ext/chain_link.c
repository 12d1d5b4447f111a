/* chain0 .. chain7: built from this file with CHAIN_INDEX=<n>; each exports chain<n>_fn. */
#include <zephyr/llext/symbol.h>

#ifndef CHAIN_INDEX
#error "build with CHAIN_INDEX=<0..7>"
#endif

#define CHAIN_FN_(n) chain##n##_fn
#define CHAIN_FN(n) CHAIN_FN_(n)

int CHAIN_FN(CHAIN_INDEX)(void)
{
	return CHAIN_INDEX;
}
LL_EXTENSION_SYMBOL(CHAIN_FN(CHAIN_INDEX));
