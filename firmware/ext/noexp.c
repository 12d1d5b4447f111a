/* Exports nothing: no LL_EXTENSION_SYMBOL, so its exported-symbol table is empty. */
static int helper(int x)
{
	return x * 3;
}

int noexp_entry(void);

int noexp_entry(void)
{
	return helper(7);
}
