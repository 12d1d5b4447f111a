/*
 * A token bucket for the line rate: a UART at N baud with 8N1 framing moves N/10 bytes per
 * second in each direction. Rate 0 means unlimited.
 */
#ifndef SIM_THROTTLE_H
#define SIM_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

struct throttle {
	double rate;      /* bytes per second; 0 = unlimited */
	double tokens;
	double capacity;  /* burst: a few milliseconds' worth, so one poll() wake-up moves a batch */
	uint64_t last_ns;
};

void throttle_init(struct throttle *t, uint32_t baud, uint64_t now_ns);
/* How many of `want` bytes may move now; they are taken from the bucket. */
size_t throttle_take(struct throttle *t, uint64_t now_ns, size_t want);
/* Gives back bytes taken but not moved (a short write). */
void throttle_refund(struct throttle *t, size_t n);
/* Milliseconds until one byte may move (0 = now or unlimited). */
int throttle_wait_ms(struct throttle *t, uint64_t now_ns);

uint64_t sim_now_ns(void); /* CLOCK_MONOTONIC */

#endif
