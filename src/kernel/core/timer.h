/*
 * The kernel's view of the periodic timer: a tick counter (the preemption
 * signal) and the time source.  Ticks are not a clock: the sim delivers one
 * tick per jump of virtual time; durations come from timer_now_ns().
 */
#ifndef AEGIS_KERNEL_TIMER_H
#define AEGIS_KERNEL_TIMER_H

#include <stdint.h>

#define TIMER_HZ 100u
#define NS_PER_MS 1000000ull

uint64_t timer_ticks(void);
uint64_t timer_now_ns(void);

/* Wait (idle) until at least n more ticks have arrived; returns the ns elapsed. */
uint64_t timer_wait_ticks(uint64_t n);

#endif
