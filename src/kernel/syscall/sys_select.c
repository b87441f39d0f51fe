/*
 * select and pselect6 (spec/filesystems.md FS-061): the bit-set form of
 * poll over the same readiness and the same wait (ipc/poll_wait.h).  A read
 * set entry is ready on POLLIN, POLLHUP or POLLERR, a write set entry on
 * POLLOUT or POLLERR, an exception set entry on POLLPRI.  select writes back
 * the time left, as Linux does; pselect6 does not.
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/kstring.h"
#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "platform.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"
#include "syscall/handlers.h"

#define SELECT_SETSIZE 1024u /* FD_SETSIZE */
#define SELECT_WORD_BITS 64u
#define SELECT_WORDS (SELECT_SETSIZE / SELECT_WORD_BITS)
#define SELECT_SETS 3u
#define SELECT_US_NS 1000ull
#define SELECT_READ_EVENTS (POLL_IN | POLL_HUP | POLL_ERR)
#define SELECT_WRITE_EVENTS (POLL_OUT | POLL_ERR)
#define SELECT_EXCEPT_EVENTS POLL_PRI

typedef struct {
	uint64_t in[SELECT_SETS][SELECT_WORDS];  /* what was asked: read, write, except */
	uint64_t out[SELECT_SETS][SELECT_WORDS]; /* what is ready */
} select_sets_t;

static const uint32_t select_events[SELECT_SETS] = { SELECT_READ_EVENTS, SELECT_WRITE_EVENTS,
	                                             SELECT_EXCEPT_EVENTS };

/* Mark what is ready: the count of set bits, or -EBADF for a descriptor that is not open. */
static int select_scan(process_t *p, select_sets_t *s, unsigned nfds)
{
	int ready = 0;
	kmemset(s->out, 0, sizeof(s->out));
	for (unsigned fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ull << (fd % SELECT_WORD_BITS);
		unsigned w = fd / SELECT_WORD_BITS;
		if (!((s->in[0][w] | s->in[1][w] | s->in[2][w]) & bit))
			continue;
		file_t *f = fdtable_get(&p->fds, (int)fd);
		if (!f)
			return -EBADF;
		uint32_t have = poll_file_events(f);
		for (unsigned k = 0; k < SELECT_SETS; k++) {
			if ((s->in[k][w] & bit) && (have & select_events[k])) {
				s->out[k][w] |= bit;
				ready++;
			}
		}
	}
	return ready;
}

static int64_t select_run(process_t *p, int nfds_arg, const uint64_t usets[SELECT_SETS], uint64_t deadline)
{
	if (nfds_arg < 0 || (unsigned)nfds_arg > SELECT_SETSIZE)
		return -EINVAL;
	unsigned nfds = (unsigned)nfds_arg;
	size_t bytes = (nfds + SELECT_WORD_BITS - 1) / SELECT_WORD_BITS * sizeof(uint64_t);
	select_sets_t *s = kcalloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	int64_t r = 0;
	for (unsigned k = 0; k < SELECT_SETS && r == 0; k++)
		if (usets[k] && bytes && copy_from_user(p, s->in[k], usets[k], bytes) != 0)
			r = -EFAULT;
	for (bool done = r != 0; !done;) {
		uint64_t seen = poll_generation();
		int ready = select_scan(p, s, nfds);
		int w = ready != 0 ? -ETIMEDOUT : poll_wait_once(p, deadline, seen);
		done = w != 0;
		r = w == -EINTR ? -EINTR : ready;
	}
	for (unsigned k = 0; k < SELECT_SETS && r >= 0; k++)
		if (usets[k] && bytes && copy_to_user(p, usets[k], s->out[k], bytes) != 0)
			r = -EFAULT;
	kfree(s);
	return r;
}

SYSCALL_HANDLER(select)
{
	uint64_t sets[SELECT_SETS] = { args->a[1], args->a[2], args->a[3] };
	uint64_t deadline = SCHED_NO_DEADLINE;
	aegis_timeval_t tv;
	if (args->a[4]) {
		if (copy_from_user(p, &tv, args->a[4], sizeof(tv)) != 0)
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= (int64_t)(NS_PER_SEC / SELECT_US_NS))
			return -EINVAL;
		deadline = platform_time_ns() + (uint64_t)tv.tv_sec * NS_PER_SEC + (uint64_t)tv.tv_usec * SELECT_US_NS;
	}
	int64_t r = select_run(p, (int)args->a[0], sets, deadline);
	if (args->a[4] && r >= 0) {
		uint64_t now = platform_time_ns();
		uint64_t left = deadline > now ? deadline - now : 0;
		tv.tv_sec = (int64_t)(left / NS_PER_SEC);
		tv.tv_usec = (int64_t)(left % NS_PER_SEC / SELECT_US_NS);
		(void)copy_to_user(p, args->a[4], &tv, sizeof(tv));
	}
	return r;
}

/* pselect6's sixth argument: a pointer to { const sigset_t *mask; size_t size; }. */
typedef struct {
	uint64_t mask;
	uint64_t size;
} select_sigmask_arg_t;

SYSCALL_HANDLER(pselect6)
{
	uint64_t sets[SELECT_SETS] = { args->a[1], args->a[2], args->a[3] };
	uint64_t deadline = SCHED_NO_DEADLINE;
	if (args->a[4]) {
		int r = poll_deadline_timespec(p, args->a[4], &deadline);
		if (r != 0)
			return r;
	}
	if (args->a[5]) {
		select_sigmask_arg_t sm;
		if (copy_from_user(p, &sm, args->a[5], sizeof(sm)) != 0)
			return -EFAULT;
		if (sm.mask) {
			int r = proc_signal_mask_swap(p, sm.mask, (size_t)sm.size);
			if (r != 0)
				return r;
		}
	}
	return select_run(p, (int)args->a[0], sets, deadline);
}
