/* chain0 .. chain7: built from this file with -DCHAIN_INDEX=<n>; each exports chain<n>_fn. */
#include "ext_export.h"

#ifndef CHAIN_INDEX
#error "build with -DCHAIN_INDEX=<0..7>"
#endif

#define CHAIN_FN_(n) chain##n##_fn
#define CHAIN_FN(n) CHAIN_FN_(n)

int CHAIN_FN(CHAIN_INDEX)(void)
{
	return CHAIN_INDEX;
}
EXT_EXPORT(CHAIN_FN(CHAIN_INDEX));
