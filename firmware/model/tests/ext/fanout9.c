/* Test-only: imports from nine extensions, one more than LLEXT_MAX_DEPENDENCIES. */
#define EXT_EXPORT __attribute__((visibility("default")))

int chain0_fn(void);
int chain1_fn(void);
int chain2_fn(void);
int chain3_fn(void);
int chain4_fn(void);
int chain5_fn(void);
int chain6_fn(void);
int chain7_fn(void);
int producer_value(void);

EXT_EXPORT int fanout9_fn(void)
{
	return chain0_fn() + chain1_fn() + chain2_fn() + chain3_fn() + chain4_fn() +
	       chain5_fn() + chain6_fn() + chain7_fn() + producer_value();
}
