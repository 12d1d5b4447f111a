/* Imports one function from each of chain0..chain7: fills all 8 dependency slots. */
#include "ext_export.h"

int chain0_fn(void);
int chain1_fn(void);
int chain2_fn(void);
int chain3_fn(void);
int chain4_fn(void);
int chain5_fn(void);
int chain6_fn(void);
int chain7_fn(void);

int chain8_fn(void)
{
	return chain0_fn() + chain1_fn() + chain2_fn() + chain3_fn() + chain4_fn() +
	       chain5_fn() + chain6_fn() + chain7_fn();
}
EXT_EXPORT(chain8_fn);
