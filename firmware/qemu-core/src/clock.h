/*
 * Time since boot from SysTick. The tick (100 Hz) also wakes the main loop from WFI, which
 * then runs hil_core_poll(): that is what ends an upload whose host went silent while the CPU
 * sleeps. The core itself is single-threaded, so the poll runs in the main loop, not in the
 * interrupt.
 */
#ifndef QC_CLOCK_H
#define QC_CLOCK_H

#include <stdint.h>

#define CLOCK_TICK_HZ 100u

void clock_init(void);

/* Milliseconds / microseconds since clock_init(); never go backwards. */
uint32_t clock_uptime_ms(void);
uint64_t clock_uptime_us(void);

/* Stops the tick (a halted CPU: nothing may wake it). */
void clock_stop(void);

/* The SysTick handler (vector table). */
void clock_tick_isr(void);

#endif
