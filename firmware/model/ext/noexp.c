/* Exports nothing: noexp_entry is global but hidden (-fvisibility=hidden), helper is static. */
static int helper(int x)
{
	return x * 3;
}

int noexp_entry(void);

int noexp_entry(void)
{
	return helper(7);
}
