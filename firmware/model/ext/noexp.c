/* Exports nothing: noexp_entry carries no EXT_EXPORT (hidden on the model boards, absent from
 * LLEXT's exported-symbol table on Zephyr), helper is static. */
static int helper(int x)
{
	return x * 3;
}

int noexp_entry(void);

int noexp_entry(void)
{
	return helper(7);
}
