/* Everything happens in the `hil` shell command (firmware/zephyr/src/port.c). */
int main(void)
{
	return 0;
}
