#include "clock.h"

#include "mps2_an385.h"

#define CYCLES_PER_TICK (QC_SYSCLK_HZ / CLOCK_TICK_HZ)
#define CYCLES_PER_US   (QC_SYSCLK_HZ / 1000000u)
#define US_PER_TICK     (1000000u / CLOCK_TICK_HZ)

static volatile uint32_t ticks;
static uint64_t last_us; /* main loop only: keeps the clock monotonic (see below) */

void clock_init(void)
{
	ticks = 0;
	last_us = 0;
	QC_SYST_CSR = 0;
	QC_SYST_RVR = CYCLES_PER_TICK - 1u;
	QC_SYST_CVR = 0; /* any write clears the counter: the first tick is a full period away */
	QC_SYST_CSR = QC_SYST_CSR_ENABLE | QC_SYST_CSR_TICKINT | QC_SYST_CSR_CLKSOURCE;
}

void clock_stop(void)
{
	QC_SYST_CSR = 0;
	QC_SCB_ICSR = QC_SCB_ICSR_PENDSTCLR;
}

void clock_tick_isr(void)
{
	ticks = ticks + 1u;
}

uint64_t clock_uptime_us(void)
{
	uint32_t t1, t2, cv;

	do {
		t1 = ticks;
		cv = QC_SYST_CVR;
		t2 = ticks;
	} while (t1 != t2);
	uint64_t us = (uint64_t)t1 * US_PER_TICK + (CYCLES_PER_TICK - 1u - cv) / CYCLES_PER_US;

	/* Between the counter's reload and the handler's increment the sum above reads one tick
	 * short. The HIL core subtracts timestamps (upload idle timeout): never let it see time
	 * run backwards. */
	if (us < last_us) {
		us = last_us;
	}
	last_us = us;
	return us;
}

uint32_t clock_uptime_ms(void)
{
	return (uint32_t)(clock_uptime_us() / 1000u);
}
