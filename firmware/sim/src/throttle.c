#define _POSIX_C_SOURCE 200809L
#include "throttle.h"

#include <time.h>

#define BURST_SECONDS 0.004 /* 4 ms of line time per batch */

uint64_t sim_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void throttle_init(struct throttle *t, uint32_t baud, uint64_t now_ns)
{
	t->rate = (double)baud / 10.0;
	t->capacity = t->rate * BURST_SECONDS;
	if (t->capacity < 1.0) {
		t->capacity = 1.0;
	}
	t->tokens = 0.0;
	t->last_ns = now_ns;
}

static void refill(struct throttle *t, uint64_t now_ns)
{
	if (now_ns > t->last_ns) {
		t->tokens += (double)(now_ns - t->last_ns) * 1e-9 * t->rate;
		if (t->tokens > t->capacity) {
			t->tokens = t->capacity;
		}
	}
	t->last_ns = now_ns;
}

size_t throttle_take(struct throttle *t, uint64_t now_ns, size_t want)
{
	if (t->rate <= 0.0) {
		return want;
	}
	refill(t, now_ns);
	size_t n = t->tokens < (double)want ? (size_t)t->tokens : want;

	t->tokens -= (double)n;
	return n;
}

void throttle_refund(struct throttle *t, size_t n)
{
	if (t->rate > 0.0) {
		t->tokens += (double)n;
	}
}

int throttle_wait_ms(struct throttle *t, uint64_t now_ns)
{
	if (t->rate <= 0.0) {
		return 0;
	}
	refill(t, now_ns);
	if (t->tokens >= 1.0) {
		return 0;
	}
	double ms = (1.0 - t->tokens) / t->rate * 1000.0;

	return ms < 1.0 ? 1 : (int)ms + 1;
}
