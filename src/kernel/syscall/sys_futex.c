/*
 * futex(uaddr, op, val, timeout, uaddr2, val3): FUTEX_WAIT, FUTEX_WAKE and
 * their bitset forms over the wait table of ipc/futex.h (spec/processes.md
 * PROC-110..PROC-115).
 *
 * Arguments are checked in Linux's order: a wait's timeout, the operation,
 * the bitset, the alignment, then the word.  Every operation reads the
 * word, so an unmapped uaddr is -EFAULT for wakes too.
 *
 * Compare-and-sleep is atomic without a lock: one CPU, no kernel
 * preemption, and nothing between copy_from_user reading the word and
 * futex_wait queueing the caller gives up the CPU (x86_64: a fault on the
 * word is resolved without sleeping; sim: process_vm_readv on the host
 * process, while no other Aegis process runs).  A waker that changed the
 * word before the read is seen by the compare; one that runs after it finds
 * the caller queued.
 */
#include <aegis/errno.h>

#include "ipc/futex.h"
#include "mm/uvm.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"
#include "syscall/handlers.h"

#define FUTEX_WAIT 0u
#define FUTEX_WAKE 1u
#define FUTEX_WAIT_BITSET 9u
#define FUTEX_WAKE_BITSET 10u
#define FUTEX_PRIVATE_FLAG 128u
#define FUTEX_CLOCK_REALTIME 256u
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_WORD_ALIGN 4u

typedef struct {
	uint32_t cmd;
	uint64_t uaddr;
	uint32_t val;
	uint64_t timeout_addr;
	uint32_t bitset;
	bool realtime;
} futex_call_t;

/* The address space the caller's words live in: its page-table root, or its host process (sim). */
static uint64_t futex_space_of(const process_t *p)
{
	return p->uvm ? uvm_root(p->uvm) : (uint64_t)(uintptr_t)p->user;
}

/* The sleep deadline for a wait's timeout (SCHED_NO_DEADLINE for none): 0, -EFAULT or -EINVAL. */
static int futex_deadline(process_t *p, const futex_call_t *c, uint64_t *deadline)
{
	*deadline = SCHED_NO_DEADLINE;
	if (!c->timeout_addr)
		return 0;
	aegis_timespec_t ts;
	if (copy_from_user(p, &ts, c->timeout_addr, sizeof(ts)) != 0)
		return -EFAULT;
	uint64_t ns;
	int r = clock_timespec_to_ns(&ts, &ns);
	if (r != 0)
		return r;
	if (c->cmd == FUTEX_WAIT) {
		*deadline = clock_deadline_after(ns); /* relative, by the monotonic clock */
		return 0;
	}
	return clock_deadline_at(c->realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, ns, deadline);
}

/* Check the word's alignment and read it: 0, -EINVAL or -EFAULT. */
static int futex_read_word(process_t *p, uint64_t uaddr, uint32_t *word)
{
	if (uaddr % FUTEX_WORD_ALIGN != 0)
		return -EINVAL;
	return copy_from_user(p, word, uaddr, sizeof(*word)) != 0 ? -EFAULT : 0;
}

static int64_t futex_do_wait(process_t *p, const futex_call_t *c)
{
	uint64_t deadline;
	int r = futex_deadline(p, c, &deadline);
	if (r != 0)
		return r;
	if (c->realtime && c->cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	if (c->bitset == 0)
		return -EINVAL;
	uint32_t word;
	r = futex_read_word(p, c->uaddr, &word);
	if (r != 0)
		return r;
	if (word != c->val)
		return -EAGAIN;
	if (proc_signal_pending(p))
		return -EINTR;
	/* Nothing above gave up the CPU since the word was read: queueing now is atomic with the compare. */
	futex_key_t key = { futex_space_of(p), c->uaddr };
	return futex_wait(&key, c->bitset, deadline);
}

static int64_t futex_do_wake(process_t *p, const futex_call_t *c)
{
	if (c->realtime)
		return -ENOSYS;
	if (c->bitset == 0)
		return -EINVAL;
	uint32_t word;
	int r = futex_read_word(p, c->uaddr, &word);
	if (r != 0)
		return r;
	futex_key_t key = { futex_space_of(p), c->uaddr };
	return futex_wake(&key, c->bitset, futex_wake_limit((int32_t)c->val));
}

SYSCALL_HANDLER(futex)
{
	uint32_t op = (uint32_t)args->a[1];
	futex_call_t c = {
		.cmd = op & FUTEX_CMD_MASK,
		.uaddr = args->a[0],
		.val = (uint32_t)args->a[2],
		.timeout_addr = args->a[3],
		.bitset = FUTEX_BITSET_MATCH_ANY,
		.realtime = (op & FUTEX_CLOCK_REALTIME) != 0,
	};
	if (c.cmd == FUTEX_WAIT_BITSET || c.cmd == FUTEX_WAKE_BITSET)
		c.bitset = (uint32_t)args->a[5];
	switch (c.cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		return futex_do_wait(p, &c);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return futex_do_wake(p, &c);
	default:
		return -ENOSYS; /* requeue, wake-op and the PI operations are not supported */
	}
}
