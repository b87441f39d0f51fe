/*
 * The clocks system calls name (Linux clock IDs) and the timespec
 * conversions they share: clock_gettime and the sleeps (sys_time.c) and
 * futex timeouts (sys_futex.c).  CLOCK_MONOTONIC and CLOCK_BOOTTIME are
 * platform time since boot; CLOCK_REALTIME is that plus an offset that
 * clock_settime sets (spec/credentials.md CRED-086); until it is set it
 * counts from the epoch.
 */
#ifndef AEGIS_KERNEL_SYSCALL_CLOCK_H
#define AEGIS_KERNEL_SYSCALL_CLOCK_H

#include <stdint.h>

#include <aegis/linux_abi.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define NS_PER_SEC 1000000000ull

/* The time on clock now, in ns: 0 or -EINVAL for an unknown clock. */
int clock_read_ns(int clock, uint64_t *ns);

/* A timespec in ns: 0, or -EINVAL when tv_sec < 0 or tv_nsec is outside [0, 1e9); huge values saturate. */
int clock_timespec_to_ns(const aegis_timespec_t *ts, uint64_t *ns);

aegis_timespec_t clock_ns_to_timespec(uint64_t ns);

/* clock_settime's core: CLOCK_REALTIME reads ns from now on.  0, or -EINVAL for any other clock. */
int clock_set_ns(int clock, uint64_t ns);

/* The platform-time deadline delay_ns from now, kept below SCHED_NO_DEADLINE. */
uint64_t clock_deadline_after(uint64_t delay_ns);

/* The platform-time deadline for absolute time abs_ns on clock (0 when it is past): 0 or -EINVAL. */
int clock_deadline_at(int clock, uint64_t abs_ns, uint64_t *deadline);

#endif
