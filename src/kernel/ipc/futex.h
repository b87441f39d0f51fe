/*
 * The futex wait table: tasks sleeping until another task wakes the user
 * word they wait on (spec/processes.md PROC-110..PROC-115; the system call
 * that reads and compares the word is syscall/sys_futex.c).
 *
 * A futex is named by a key: the address space it lives in (a page-table
 * root where the kernel pages user memory, the host process's user context
 * in the sim) and the user address of the 32-bit word.  Aegis has no shared
 * mappings yet, so a word is only ever reachable through one address space
 * and every futex is keyed this way, private or not.
 *
 * The table is a fixed array of FUTEX_BUCKETS buckets, each a FIFO list of
 * waiters whose keys hash there.  A waiter's record lives on its own kernel
 * stack for as long as it sleeps, and each record carries its own wait
 * queue, so a wake can pick exactly the tasks it wants: nothing is
 * allocated, and no wake-up can be lost to an allocation failure.
 *
 * A waiter that a wake took off the list returns 0 even when a timeout or
 * a signal also ended its sleep before it ran again (as Linux does): the
 * wake counted it, so it must not be lost.
 *
 * Only tasks touch the table (never an interrupt handler), and the kernel
 * is not preempted, so list operations need no locking.
 */
#ifndef AEGIS_KERNEL_IPC_FUTEX_H
#define AEGIS_KERNEL_IPC_FUTEX_H

#include <stdint.h>

#define FUTEX_BUCKETS 64u           /* a power of two */
#define FUTEX_BITSET_MATCH_ANY UINT32_MAX

typedef struct {
	uint64_t space; /* address-space identity, never 0 for a process */
	uint64_t addr;  /* user address of the word (4-byte aligned) */
} futex_key_t;

/*
 * Sleep on key until futex_wake picks this waiter (0), until the platform
 * time deadline_ns (SCHED_NO_DEADLINE: none; -ETIMEDOUT) or until the task
 * is interrupted by a signal (-EINTR).  The caller has compared the user
 * word with the expected value and must not have given up the CPU since:
 * that is what makes compare-and-sleep atomic against every waker.
 * bitset (non-zero) is matched against the waker's.
 */
int futex_wait(const futex_key_t *key, uint32_t bitset, uint64_t deadline_ns);

/* Wake up to max waiters on key whose bitset shares a bit with bitset, oldest first; returns how many. */
unsigned futex_wake(const futex_key_t *key, uint32_t bitset, unsigned max);

/* The most waiters FUTEX_WAKE's val lets a wake pick: val, or 1 for val <= 0 (Linux wakes at least one). */
unsigned futex_wake_limit(int32_t val);

/* How many tasks wait on key (for tests and diagnostics). */
unsigned futex_waiter_count(const futex_key_t *key);

/* The bucket key hashes to (0 .. FUTEX_BUCKETS-1), so tests can build colliding keys. */
unsigned futex_key_bucket(const futex_key_t *key);

#endif
